package io.cift.core.risk.internal;

import io.cift.core.risk.AccountLimits;
import io.cift.core.risk.InstrumentLimits;
import io.cift.core.risk.PriceBand;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Risk limits as bytes, for journal records and snapshots (big-endian, every field, so that a limit
 * reads back exactly; a price band as a kind code, 0 none, 1 ticks, 2 percent, and its value).
 */
public final class LimitsCodec {

    private LimitsCodec() {
    }

    /**
     * See the class comment.
     *
     * @param out the output
     * @param b the band
     * @throws IOException when the stream fails or holds an unknown code
     */
    public static void write(DataOutput out, PriceBand b) throws IOException {
        if (b == null) {
            out.writeByte(3);   // absent: an instrument override that inherits the account's band
        } else if (b.isNone()) {
            out.writeByte(0);
        } else if (b.isTicks()) {
            out.writeByte(1);
            out.writeLong(b.ticks());
        } else {
            out.writeByte(2);
            out.writeDouble(b.percent());
        }
    }

    /**
     * See the class comment.
     *
     * @param in the input
     * @return the value
     * @throws IOException when the stream fails or holds an unknown code
     */
    public static PriceBand readBand(DataInput in) throws IOException {
        int kind = in.readByte();
        return switch (kind) {
            case 0 -> PriceBand.NONE;
            case 1 -> PriceBand.ticks(in.readLong());
            case 2 -> PriceBand.percent(in.readDouble());
            case 3 -> null;
            default -> throw new IOException("unknown price band kind " + kind);
        };
    }

    /**
     * See the class comment.
     *
     * @param out the output
     * @param l the limits
     * @throws IOException when the stream fails or holds an unknown code
     */
    public static void write(DataOutput out, AccountLimits l) throws IOException {
        out.writeLong(l.maxOrderQuantity());
        out.writeLong(l.maxOrderNotional());
        write(out, l.priceBand());
        out.writeLong(l.maxPosition());
        out.writeLong(l.maxGrossExposure());
        out.writeLong(l.maxNetExposure());
        out.writeLong(l.creditLimit());
        out.writeLong(l.maxOpenOrders());
        out.writeLong(l.maxOrdersPerSecond());
        out.writeLong(l.orderBurst());
    }

    /**
     * See the class comment.
     *
     * @param in the input
     * @return the value
     * @throws IOException when the stream fails or holds an unknown code
     */
    public static AccountLimits readAccountLimits(DataInput in) throws IOException {
        AccountLimits.Builder b = AccountLimits.builder().maxOrderQuantity(in.readLong()).maxOrderNotional(in.readLong())
                .priceBand(readBand(in)).maxPosition(in.readLong()).maxGrossExposure(in.readLong())
                .maxNetExposure(in.readLong()).creditLimit(in.readLong()).maxOpenOrders(in.readLong());
        long perSecond = in.readLong();
        long burst = in.readLong();
        if (perSecond != AccountLimits.UNLIMITED) {
            b.maxOrdersPerSecond(perSecond, burst);   // unlimited is the builder's default, with its default burst
        }
        AccountLimits l = b.build();
        if (l.orderBurst() != burst) {
            throw new IOException("stored order burst " + burst + " does not read back (" + l.orderBurst() + ")");
        }
        return l;
    }

    /**
     * See the class comment.
     *
     * @param out the output
     * @param l the limits
     * @throws IOException when the stream fails or holds an unknown code
     */
    public static void write(DataOutput out, InstrumentLimits l) throws IOException {
        out.writeLong(l.maxOrderQuantity());
        out.writeLong(l.maxOrderNotional());
        write(out, l.priceBand());
        out.writeLong(l.maxPosition());
    }

    /**
     * See the class comment.
     *
     * @param in the input
     * @return the value
     * @throws IOException when the stream fails or holds an unknown code
     */
    public static InstrumentLimits readInstrumentLimits(DataInput in) throws IOException {
        InstrumentLimits.Builder b = InstrumentLimits.builder();
        long q = in.readLong();
        long n = in.readLong();
        PriceBand band = readBand(in);
        long p = in.readLong();
        if (q != InstrumentLimits.INHERIT) {
            b.maxOrderQuantity(q);
        }
        if (n != InstrumentLimits.INHERIT) {
            b.maxOrderNotional(n);
        }
        if (band != null) {
            b.priceBand(band);
        }
        if (p != InstrumentLimits.INHERIT) {
            b.maxPosition(p);
        }
        return b.build();
    }
}
