package io.cift.core.journal.internal;

import io.cift.core.book.CancelReason;
import io.cift.core.model.OrderType;
import io.cift.core.model.Side;
import io.cift.core.model.TimeInForce;

/**
 * The byte codes the journal stores for enums. Spelled out one by one, so that reordering or adding
 * enum constants never changes what a stored journal means.
 */
final class Codes {
    static final byte NEW = 'N';
    static final byte CANCEL = 'C';
    static final byte AMEND = 'A';

    private Codes() {
    }

    static byte side(Side s) {
        return switch (s) {
            case BUY -> 'B';
            case SELL -> 'S';
        };
    }

    static Side side(byte b) {
        return switch (b) {
            case 'B' -> Side.BUY;
            case 'S' -> Side.SELL;
            default -> throw bad("side", b);
        };
    }

    static byte type(OrderType t) {
        return switch (t) {
            case LIMIT -> 'L';
            case MARKET -> 'M';
        };
    }

    static OrderType type(byte b) {
        return switch (b) {
            case 'L' -> OrderType.LIMIT;
            case 'M' -> OrderType.MARKET;
            default -> throw bad("order type", b);
        };
    }

    static byte tif(TimeInForce t) {
        return switch (t) {
            case GTC -> 'G';
            case IOC -> 'I';
            case FOK -> 'F';
        };
    }

    static TimeInForce tif(byte b) {
        return switch (b) {
            case 'G' -> TimeInForce.GTC;
            case 'I' -> TimeInForce.IOC;
            case 'F' -> TimeInForce.FOK;
            default -> throw bad("time in force", b);
        };
    }

    static byte reason(CancelReason r) {
        return switch (r) {
            case USER -> 'U';
            case IOC_REMAINDER -> 'I';
            case MARKET_REMAINDER -> 'M';
            case FOK_UNFILLED -> 'F';
            case STP_RESTING -> 'R';
            case STP_INCOMING -> 'N';
            case KILL_SWITCH -> 'K';
        };
    }

    static CancelReason reason(byte b) {
        return switch (b) {
            case 'U' -> CancelReason.USER;
            case 'I' -> CancelReason.IOC_REMAINDER;
            case 'M' -> CancelReason.MARKET_REMAINDER;
            case 'F' -> CancelReason.FOK_UNFILLED;
            case 'R' -> CancelReason.STP_RESTING;
            case 'N' -> CancelReason.STP_INCOMING;
            case 'K' -> CancelReason.KILL_SWITCH;
            default -> throw bad("cancel reason", b);
        };
    }

    private static IllegalArgumentException bad(String what, byte b) {
        return new IllegalArgumentException("unknown " + what + " code " + (b & 0xff));
    }
}
