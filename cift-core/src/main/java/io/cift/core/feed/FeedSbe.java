package io.cift.core.feed;

import io.cift.core.feed.internal.sbe.BooleanType;
import io.cift.core.feed.internal.sbe.MessageHeaderDecoder;
import io.cift.core.feed.internal.sbe.MessageHeaderEncoder;
import io.cift.core.feed.internal.sbe.OrderAddedDecoder;
import io.cift.core.feed.internal.sbe.OrderAddedEncoder;
import io.cift.core.feed.internal.sbe.OrderDeletedDecoder;
import io.cift.core.feed.internal.sbe.OrderDeletedEncoder;
import io.cift.core.feed.internal.sbe.OrderExecutedDecoder;
import io.cift.core.feed.internal.sbe.OrderExecutedEncoder;
import io.cift.core.feed.internal.sbe.OrderReducedDecoder;
import io.cift.core.feed.internal.sbe.OrderReducedEncoder;
import io.cift.core.feed.internal.sbe.OrderReplacedDecoder;
import io.cift.core.feed.internal.sbe.OrderReplacedEncoder;
import io.cift.core.feed.internal.sbe.SnapshotEndDecoder;
import io.cift.core.feed.internal.sbe.SnapshotEndEncoder;
import io.cift.core.feed.internal.sbe.SnapshotOrderDecoder;
import io.cift.core.feed.internal.sbe.SnapshotOrderEncoder;
import io.cift.core.feed.internal.sbe.SnapshotStartDecoder;
import io.cift.core.feed.internal.sbe.SnapshotStartEncoder;
import io.cift.core.model.Side;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The feed's binary wire form: Simple Binary Encoding (SBE), little-endian, with the schema
 * {@value #SCHEMA_RESOURCE} (schema id {@value #SCHEMA_ID}, version {@value #SCHEMA_VERSION}), from which
 * the SBE tool generates a decoder for other languages. A message is the standard 8-byte header, its
 * fixed fields, then the symbol as UTF-8 with a one-byte length; at most {@value #MAX_LENGTH} bytes.
 * Encoding allocates nothing once a symbol has been seen. Not thread-safe: one instance a thread.
 */
public final class FeedSbe {

    /** The schema's id. */
    public static final int SCHEMA_ID = 7301;
    /** The schema's version. */
    public static final int SCHEMA_VERSION = 1;
    /** The schema, a class-path resource. */
    public static final String SCHEMA_RESOURCE = "/io/cift/core/feed/cift-feed-sbe.xml";
    /** The longest message: header, the largest block (40 bytes), a 255-byte symbol and its length. */
    public static final int MAX_LENGTH = MessageHeaderEncoder.ENCODED_LENGTH + 40 + 1 + 255;

    private final UnsafeBuffer out = new UnsafeBuffer(new byte[0]);
    private final UnsafeBuffer in = new UnsafeBuffer(new byte[0]);
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final MessageHeaderDecoder headerIn = new MessageHeaderDecoder();
    private final OrderAddedEncoder added = new OrderAddedEncoder();
    private final OrderExecutedEncoder executed = new OrderExecutedEncoder();
    private final OrderReducedEncoder reduced = new OrderReducedEncoder();
    private final OrderReplacedEncoder replaced = new OrderReplacedEncoder();
    private final OrderDeletedEncoder deleted = new OrderDeletedEncoder();
    private final SnapshotStartEncoder start = new SnapshotStartEncoder();
    private final SnapshotOrderEncoder snapshotOrder = new SnapshotOrderEncoder();
    private final SnapshotEndEncoder end = new SnapshotEndEncoder();
    private final OrderAddedDecoder addedIn = new OrderAddedDecoder();
    private final OrderExecutedDecoder executedIn = new OrderExecutedDecoder();
    private final OrderReducedDecoder reducedIn = new OrderReducedDecoder();
    private final OrderReplacedDecoder replacedIn = new OrderReplacedDecoder();
    private final OrderDeletedDecoder deletedIn = new OrderDeletedDecoder();
    private final SnapshotStartDecoder startIn = new SnapshotStartDecoder();
    private final SnapshotOrderDecoder snapshotOrderIn = new SnapshotOrderDecoder();
    private final SnapshotEndDecoder endIn = new SnapshotEndDecoder();
    private final Map<String, byte[]> symbols = new HashMap<>();
    private final byte[] symbolIn = new byte[255];

    /**
     * The schema, for generating decoders elsewhere.
     *
     * @return the schema XML (the caller closes it)
     */
    public static InputStream schema() {
        return FeedSbe.class.getResourceAsStream(SCHEMA_RESOURCE);
    }

    private byte[] symbol(String s) {
        byte[] b = symbols.get(s);
        if (b == null) {
            b = s.getBytes(StandardCharsets.UTF_8);
            if (b.length > 255) {
                throw new IllegalArgumentException("symbol longer than 255 UTF-8 bytes: " + s);
            }
            symbols.put(s, b);
        }
        return b;
    }

    private static io.cift.core.feed.internal.sbe.Side side(Side s) {
        return s == Side.BUY ? io.cift.core.feed.internal.sbe.Side.BUY : io.cift.core.feed.internal.sbe.Side.SELL;
    }

    private static Side side(io.cift.core.feed.internal.sbe.Side s, long seq) {
        return switch (s) {
            case BUY -> Side.BUY;
            case SELL -> Side.SELL;
            default -> throw new IllegalArgumentException("message " + seq + ": unknown side code");
        };
    }

    /**
     * Encodes a message.
     *
     * @param m the message
     * @param dst where to write
     * @param offset where in {@code dst} to start; at least {@link #MAX_LENGTH} bytes must follow it
     * @return the message's length in bytes
     * @throws IllegalArgumentException when the space after {@code offset} is shorter than {@link #MAX_LENGTH}
     */
    public int encode(FeedMessage m, byte[] dst, int offset) {
        if (offset < 0 || dst.length - offset < MAX_LENGTH) {
            throw new IllegalArgumentException("need " + MAX_LENGTH + " bytes from offset " + offset + " of a " + dst.length
                    + "-byte array");
        }
        out.wrap(dst);
        int h = MessageHeaderEncoder.ENCODED_LENGTH;
        if (m instanceof FeedMessage.OrderAdded a) {
            byte[] s = symbol(a.symbol());
            added.wrapAndApplyHeader(out, offset, header).seq(a.seq()).orderId(a.orderId()).price(a.price())
                    .quantity(a.quantity()).position(a.position()).side(side(a.side())).putSymbol(s, 0, s.length);
            return h + added.encodedLength();
        } else if (m instanceof FeedMessage.OrderExecuted x) {
            byte[] s = symbol(x.symbol());
            executed.wrapAndApplyHeader(out, offset, header).seq(x.seq()).orderId(x.orderId()).quantity(x.quantity())
                    .price(x.price()).tradeId(x.tradeId()).putSymbol(s, 0, s.length);
            return h + executed.encodedLength();
        } else if (m instanceof FeedMessage.OrderReduced r) {
            byte[] s = symbol(r.symbol());
            reduced.wrapAndApplyHeader(out, offset, header).seq(r.seq()).orderId(r.orderId()).quantity(r.quantity())
                    .putSymbol(s, 0, s.length);
            return h + reduced.encodedLength();
        } else if (m instanceof FeedMessage.OrderReplaced r) {
            byte[] s = symbol(r.symbol());
            replaced.wrapAndApplyHeader(out, offset, header).seq(r.seq()).orderId(r.orderId()).price(r.price())
                    .quantity(r.quantity()).priorityKept(r.priorityKept() ? BooleanType.TRUE : BooleanType.FALSE)
                    .putSymbol(s, 0, s.length);
            return h + replaced.encodedLength();
        } else if (m instanceof FeedMessage.OrderDeleted d) {
            byte[] s = symbol(d.symbol());
            deleted.wrapAndApplyHeader(out, offset, header).seq(d.seq()).orderId(d.orderId()).putSymbol(s, 0, s.length);
            return h + deleted.encodedLength();
        } else if (m instanceof FeedMessage.SnapshotStart st) {
            start.wrapAndApplyHeader(out, offset, header).seq(st.seq()).orders(st.orders());
            return h + start.encodedLength();
        } else if (m instanceof FeedMessage.SnapshotOrder o) {
            byte[] s = symbol(o.symbol());
            snapshotOrder.wrapAndApplyHeader(out, offset, header).seq(o.seq()).orderId(o.orderId()).price(o.price())
                    .quantity(o.quantity()).side(side(o.side())).putSymbol(s, 0, s.length);
            return h + snapshotOrder.encodedLength();
        } else {
            end.wrapAndApplyHeader(out, offset, header).seq(m.seq());
            return h + end.encodedLength();
        }
    }

    /**
     * Decodes a message.
     *
     * @param src the bytes
     * @param offset where the message starts
     * @param length how many bytes it has
     * @return the message
     * @throws IllegalArgumentException when the bytes are not a message of this schema (naming what is wrong)
     */
    public FeedMessage decode(byte[] src, int offset, int length) {
        if (offset < 0 || length < MessageHeaderDecoder.ENCODED_LENGTH || offset + length > src.length) {
            throw new IllegalArgumentException("a feed message needs at least " + MessageHeaderDecoder.ENCODED_LENGTH
                    + " bytes, got " + length);
        }
        in.wrap(src, offset, length);
        headerIn.wrap(in, 0);
        if (headerIn.schemaId() != SCHEMA_ID) {
            throw new IllegalArgumentException("not a CIFT feed message: schema " + headerIn.schemaId() + ", not " + SCHEMA_ID);
        }
        int template = headerIn.templateId();
        int block = headerIn.blockLength();
        int version = headerIn.version();
        int at = MessageHeaderDecoder.ENCODED_LENGTH;
        if (at + block > length) {
            throw new IllegalArgumentException("feed message of template " + template + " is cut short: " + length + " bytes");
        }
        try {
            return switch (template) {
                case OrderAddedDecoder.TEMPLATE_ID -> {
                    OrderAddedDecoder d = addedIn.wrap(in, at, block, version);
                    long seq = d.seq();
                    long id = d.orderId();
                    long price = d.price();
                    long qty = d.quantity();
                    long position = d.position();
                    Side side = side(d.side(), seq);
                    if (position < 1 || position > Integer.MAX_VALUE) {
                        throw new IllegalArgumentException("message " + seq + ": position " + position + " out of range");
                    }
                    yield new FeedMessage.OrderAdded(seq, symbolIn(d.getSymbol(symbolIn, 0, symbolIn.length)), id, side, price,
                            qty, (int) position);
                }
                case OrderExecutedDecoder.TEMPLATE_ID -> {
                    OrderExecutedDecoder d = executedIn.wrap(in, at, block, version);
                    long seq = d.seq();
                    long id = d.orderId();
                    long qty = d.quantity();
                    long price = d.price();
                    long trade = d.tradeId();
                    yield new FeedMessage.OrderExecuted(seq, symbolIn(d.getSymbol(symbolIn, 0, symbolIn.length)), id, qty, price,
                            trade);
                }
                case OrderReducedDecoder.TEMPLATE_ID -> {
                    OrderReducedDecoder d = reducedIn.wrap(in, at, block, version);
                    long seq = d.seq();
                    long id = d.orderId();
                    long qty = d.quantity();
                    yield new FeedMessage.OrderReduced(seq, symbolIn(d.getSymbol(symbolIn, 0, symbolIn.length)), id, qty);
                }
                case OrderReplacedDecoder.TEMPLATE_ID -> {
                    OrderReplacedDecoder d = replacedIn.wrap(in, at, block, version);
                    long seq = d.seq();
                    long id = d.orderId();
                    long price = d.price();
                    long qty = d.quantity();
                    BooleanType kept = d.priorityKept();
                    if (kept != BooleanType.TRUE && kept != BooleanType.FALSE) {
                        throw new IllegalArgumentException("message " + seq + ": priorityKept is neither 0 nor 1");
                    }
                    yield new FeedMessage.OrderReplaced(seq, symbolIn(d.getSymbol(symbolIn, 0, symbolIn.length)), id, price, qty,
                            kept == BooleanType.TRUE);
                }
                case OrderDeletedDecoder.TEMPLATE_ID -> {
                    OrderDeletedDecoder d = deletedIn.wrap(in, at, block, version);
                    long seq = d.seq();
                    long id = d.orderId();
                    yield new FeedMessage.OrderDeleted(seq, symbolIn(d.getSymbol(symbolIn, 0, symbolIn.length)), id);
                }
                case SnapshotStartDecoder.TEMPLATE_ID -> {
                    SnapshotStartDecoder d = startIn.wrap(in, at, block, version);
                    yield new FeedMessage.SnapshotStart(d.seq(), d.orders());
                }
                case SnapshotOrderDecoder.TEMPLATE_ID -> {
                    SnapshotOrderDecoder d = snapshotOrderIn.wrap(in, at, block, version);
                    long seq = d.seq();
                    long id = d.orderId();
                    long price = d.price();
                    long qty = d.quantity();
                    Side side = side(d.side(), seq);
                    yield new FeedMessage.SnapshotOrder(seq, symbolIn(d.getSymbol(symbolIn, 0, symbolIn.length)), id, side, price,
                            qty);
                }
                case SnapshotEndDecoder.TEMPLATE_ID -> new FeedMessage.SnapshotEnd(endIn.wrap(in, at, block, version).seq());
                default -> throw new IllegalArgumentException("unknown feed message template " + template);
            };
        } catch (IndexOutOfBoundsException e) {
            throw new IllegalArgumentException("feed message of template " + template + " is cut short: " + length + " bytes", e);
        }
    }

    /** The symbol just copied into {@link #symbolIn}, reusing the last one's String when the bytes are the same. */
    private String symbolIn(int n) {
        if (n == 0) {
            throw new IllegalArgumentException("a feed message without a symbol");
        }
        if (lastSymbolBytes != null && lastSymbolBytes.length == n
                && java.util.Arrays.equals(lastSymbolBytes, 0, n, symbolIn, 0, n)) {
            return lastSymbol;
        }
        lastSymbolBytes = java.util.Arrays.copyOf(symbolIn, n);
        lastSymbol = new String(symbolIn, 0, n, StandardCharsets.UTF_8);
        return lastSymbol;
    }

    private byte[] lastSymbolBytes;
    private String lastSymbol;
}
