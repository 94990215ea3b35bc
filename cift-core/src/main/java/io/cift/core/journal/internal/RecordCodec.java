package io.cift.core.journal.internal;

import io.cift.core.book.CancelReason;
import io.cift.core.book.CommandType;
import io.cift.core.book.MatchingEngine;
import io.cift.core.journal.JournalCommand;
import io.cift.core.model.OrderType;
import io.cift.core.model.Side;
import io.cift.core.model.TimeInForce;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

import static org.agrona.UnsafeAccess.UNSAFE;

/**
 * The journal's record layout, little-endian and compact (about 30 bytes a command, so that the
 * matching thread hands over as few cache lines as it can): {@code length:u16, crc32c:i32} (of every
 * byte after the checksum), {@code seq:i64, op:u8, symbolLength:u8}, the symbol in UTF-8, then
 * zigzag LEB128 varints: {@code orderId}, and for NEW {@code ownerId, price, quantity}, for AMEND
 * {@code price, quantity}. {@code op} packs the command (bits 0-1: 1 NEW, 2 CANCEL, 3 AMEND) with, for
 * NEW, the side (bit 2: sell), type (bit 3: market), time in force (bits 4-5: 0 GTC, 1 IOC, 2 FOK) and
 * post-only (bit 6), and for CANCEL the reason's code (bits 2-5, see {@link Codes}). Bit 7 says a last
 * varint follows: the risk gate's clock when the command was checked (engines with a gate only), so that
 * replay decides exactly as the live engine did. Command 0 is an administrative record (a risk limit or
 * kill switch change; its kind in bits 2-4): the symbol (empty unless the change names one), a varint
 * payload length, the payload, then the clock varint. No enum ordinal is stored. Encoding (static
 * methods) allocates nothing; an instance decodes, and is not thread-safe.
 */
public final class RecordCodec {
    /** Offset of the checksum. */
    public static final int CRC_OFFSET = 2;
    /** Offset of the sequence number: the checksum covers everything from here on. */
    public static final int SEQ_OFFSET = 6;
    private static final int OP_OFFSET = 14;
    private static final int SYMBOL_LENGTH_OFFSET = 15;
    /** Length of the fixed part of a record. */
    public static final int FIXED_LENGTH = 16;
    /** Shortest possible record: two bytes after the fixed part. */
    public static final int MIN_RECORD_LENGTH = FIXED_LENGTH + 2;
    /** Longest payload of an administrative record. */
    public static final int MAX_ADMIN_PAYLOAD = 160;
    /** Longest symbol, in UTF-8 bytes, the journal takes. */
    public static final int MAX_SYMBOL_BYTES = io.cift.core.book.MatchingEngine.MAX_SYMBOL_BYTES;
    /** Longest record. */
    public static final int MAX_RECORD_LENGTH = FIXED_LENGTH + MAX_SYMBOL_BYTES + 2 + MAX_ADMIN_PAYLOAD + 5 * 10;
    /** Administrative record kinds. */
    public static final int ADMIN_ACCOUNT_LIMITS = 1;
    /** An account's override for one instrument. */
    public static final int ADMIN_INSTRUMENT_LIMITS = 2;
    /** An account's kill switch. */
    public static final int ADMIN_KILL_SWITCH = 3;
    /** The global kill switch. */
    public static final int ADMIN_GLOBAL_KILL = 4;
    private static final int OP_ADMIN = 0;
    private static final int TIMED = 128;
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
    private static final boolean NATIVE_LE = ByteOrder.nativeOrder() == LE;
    private static final long BYTE_ARRAY_BASE = UNSAFE.arrayBaseOffset(byte[].class);
    static final int OP_NEW = 1;
    static final int OP_CANCEL = 2;
    static final int OP_AMEND = 3;

    private final String[] decodedStrings = new String[256];
    private final byte[][] decodedBytes = new byte[256][];
    /** Where the last {@link #varint} read ended. */
    private int cursor;

    private static long zigzag(long v) {
        return (v << 1) ^ (v >> 63);
    }

    private static int varintLength(long v) {
        long z = zigzag(v);
        return z == 0 ? 1 : (63 - Long.numberOfLeadingZeros(z)) / 7 + 1;
    }

    /**
     * The op byte of a command record (without the clock bit): the command and its flags.
     *
     * @param command NEW, CANCEL or AMEND
     * @param side the side (NEW)
     * @param type the order type (NEW)
     * @param tif the time in force (NEW)
     * @param postOnly post-only (NEW)
     * @param reason the cancel reason (CANCEL)
     * @return the op byte
     */
    public static int op(CommandType command, Side side, OrderType type, TimeInForce tif, boolean postOnly,
                         CancelReason reason) {
        return switch (command) {
            case NEW -> opNew(side, type, tif, postOnly);
            case CANCEL -> opCancel(reason);
            case AMEND -> OP_AMEND;
        };
    }

    /**
     * The op byte of a NEW command: {@link #op} without the switch on the command, and with the time in force
     * told apart by identity (a few compares with constants, no table to load): it runs for every order.
     *
     * @param side the side
     * @param type the order type
     * @param tif the time in force
     * @param postOnly post-only
     * @return the op byte
     */
    public static int opNew(Side side, OrderType type, TimeInForce tif, boolean postOnly) {
        int tifCode = tif == TimeInForce.GTC ? 0 : tif == TimeInForce.IOC ? 1 : Codes.tifCode(tif);
        return OP_NEW | (side == Side.SELL ? 4 : 0) | (type == OrderType.MARKET ? 8 : 0) | (tifCode << 4)
                | (postOnly ? 64 : 0);
    }

    /**
     * The op byte of a CANCEL command ({@link #op} without the switch on the command).
     *
     * @param reason the cancel reason
     * @return the op byte
     */
    public static int opCancel(CancelReason reason) {
        return OP_CANCEL | ((reason == CancelReason.USER ? 0 : Codes.reasonCode(reason)) << 2);
    }

    /**
     * Length of a command record.
     *
     * @param op the op byte ({@link #op})
     * @param sym the symbol's bytes
     * @param orderId the order id
     * @param ownerId the owner (NEW)
     * @param price the price (NEW, AMEND)
     * @param qty the quantity (NEW, AMEND)
     * @param timed whether the record carries the gate's clock
     * @param time the clock
     * @return the record length
     */
    public static int length(int op, byte[] sym, long orderId, long ownerId, long price, long qty, boolean timed,
                             long time) {
        int n = FIXED_LENGTH + sym.length + varintLength(orderId) + (timed ? varintLength(time) : 0);
        return switch (op & 3) {
            case OP_NEW -> n + varintLength(ownerId) + varintLength(price) + varintLength(qty);
            case OP_AMEND -> n + varintLength(price) + varintLength(qty);
            default -> n;
        };
    }

    /**
     * Writes a command record without its checksum (the journal writer adds it). The length must be
     * {@link #length}'s: it is checked, and so is the buffer's room for it, once; the bytes then go to the
     * buffer's address without a check per store.
     *
     * @param b the buffer
     * @param at where the record starts
     * @param length the record's length
     * @param seq the sequence number
     * @param op the op byte ({@link #op})
     * @param sym the symbol's bytes
     * @param orderId the order id
     * @param ownerId the owner (NEW)
     * @param price the price (NEW, AMEND)
     * @param qty the quantity (NEW, AMEND)
     * @param timed whether the record carries the gate's clock
     * @param time the clock
     * @throws IllegalArgumentException when {@code length} is not {@link #length}'s, before anything is written
     * @throws IndexOutOfBoundsException when the record does not fit in the buffer, before anything is written
     */
    public static void encode(MutableDirectBuffer b, int at, int length, long seq, int op, byte[] sym, long orderId,
                              long ownerId, long price, long qty, boolean timed, long time) {
        if (length != length(op, sym, orderId, ownerId, price, qty, timed, time)) {
            throw new IllegalArgumentException("record " + seq + ": length " + length + " is not the "
                    + length(op, sym, orderId, ownerId, price, qty, timed, time) + " bytes its fields take");
        }
        b.boundsCheck(at, length);   // once for the record: the stores below go through its address unchecked
        Object base = b.byteArray();
        long p = putFixedPart(base, b.addressOffset() + at, length, seq, op | (timed ? TIMED : 0), sym);
        p = putVarint(base, p, orderId);
        int command = op & 3;
        if (command == OP_NEW) {
            p = putVarint(base, p, ownerId);
        }
        if (command != OP_CANCEL) {
            p = putVarint(base, p, price);
            p = putVarint(base, p, qty);
        }
        if (timed) {
            putVarint(base, p, time);
        }
    }

    /**
     * Stores the fixed part of a record and its symbol at address {@code a} of {@code base} (null for off-heap memory),
     * the checksum left 0.
     *
     * @return the address after the symbol, where the varints start
     */
    private static long putFixedPart(Object base, long a, int length, long seq, int opByte, byte[] sym) {
        UNSAFE.putShort(base, a, NATIVE_LE ? (short) length : Short.reverseBytes((short) length));
        UNSAFE.putInt(base, a + CRC_OFFSET, 0);
        UNSAFE.putLong(base, a + SEQ_OFFSET, NATIVE_LE ? seq : Long.reverseBytes(seq));
        UNSAFE.putByte(base, a + OP_OFFSET, (byte) opByte);
        UNSAFE.putByte(base, a + SYMBOL_LENGTH_OFFSET, (byte) sym.length);
        UNSAFE.copyMemory(sym, BYTE_ARRAY_BASE, base, a + FIXED_LENGTH, sym.length);
        return a + FIXED_LENGTH + sym.length;
    }

    private static long putVarint(Object base, long a, long v) {
        long z = zigzag(v);
        while ((z & ~0x7FL) != 0) {
            UNSAFE.putByte(base, a++, (byte) ((z & 0x7F) | 0x80));
            z >>>= 7;
        }
        UNSAFE.putByte(base, a++, (byte) z);
        return a;
    }

    /**
     * Length of an administrative record.
     *
     * @param sym the symbol's bytes (empty when the change names none)
     * @param payloadLength the payload's length
     * @param time the gate's clock
     * @return the record length
     */
    public static int adminLength(byte[] sym, int payloadLength, long time) {
        return FIXED_LENGTH + sym.length + varintLength(payloadLength) + payloadLength + varintLength(time);
    }

    /**
     * Writes an administrative record without its checksum.
     *
     * @param b the buffer
     * @param at where the record starts
     * @param length {@link #adminLength}
     * @param seq the sequence number
     * @param kind one of the {@code ADMIN_} kinds
     * @param sym the symbol's bytes, or empty
     * @param payload the change
     * @param payloadLength its length
     * @param time the gate's clock
     * @throws IllegalArgumentException when {@code length} is not {@link #adminLength}'s, or the payload is shorter
     *                                  than {@code payloadLength}, before anything is written
     * @throws IndexOutOfBoundsException when the record does not fit in the buffer, before anything is written
     */
    public static void encodeAdmin(MutableDirectBuffer b, int at, int length, long seq, int kind, byte[] sym, byte[] payload,
                                   int payloadLength, long time) {
        if (payloadLength < 0 || payloadLength > payload.length || length != adminLength(sym, payloadLength, time)) {
            throw new IllegalArgumentException("record " + seq + ": length " + length + " with a payload of "
                    + payloadLength + " of " + payload.length + " bytes is not what its fields take");
        }
        b.boundsCheck(at, length);   // once for the record, as in encode
        Object base = b.byteArray();
        long p = putFixedPart(base, b.addressOffset() + at, length, seq, OP_ADMIN | (kind << 2) | TIMED, sym);
        p = putVarint(base, p, payloadLength);
        UNSAFE.copyMemory(payload, BYTE_ARRAY_BASE, base, p, payloadLength);
        putVarint(base, p + payloadLength, time);
    }

    /** Where replayed records go. */
    public interface Target {
        /** @return the engine commands go to (the risk gate, when there is one) */
        MatchingEngine commands();

        /**
         * The gate's clock for the next command.
         *
         * @param nanos the recorded clock
         */
        void clock(long nanos);

        /**
         * An administrative change.
         *
         * @param kind one of the {@code ADMIN_} kinds
         * @param symbol the symbol, or empty
         * @param payload the change
         */
        void admin(int kind, String symbol, byte[] payload);
    }

    /**
     * The record length stored at {@code at}.
     *
     * @param b the buffer
     * @param at the record's start
     * @return the length field
     */
    public static int storedLength(DirectBuffer b, int at) {
        return b.getShort(at, LE) & 0xffff;
    }

    /**
     * The sequence number stored at {@code at}.
     *
     * @param b the buffer
     * @param at the record's start
     * @return the sequence number
     */
    public static long storedSequence(DirectBuffer b, int at) {
        return b.getLong(at + SEQ_OFFSET, LE);
    }

    private long varint(DirectBuffer b, int at, int end) {
        long z = 0;
        int shift = 0;
        while (true) {
            if (at >= end || shift > 63) {
                throw new IllegalArgumentException("a varint runs past its record");
            }
            byte x = b.getByte(at++);
            z |= (long) (x & 0x7F) << shift;
            if (x >= 0) {
                break;
            }
            shift += 7;
        }
        cursor = at;
        return (z >>> 1) ^ -(z & 1);
    }

    /**
     * Decodes a record whose checksum was verified. Allocates the command.
     *
     * @param b the buffer
     * @param at the record's start
     * @return the command, or null for an administrative record (a risk limit or kill switch change)
     * @throws IllegalArgumentException when a code is unknown or a field runs past the record
     */
    public JournalCommand decode(DirectBuffer b, int at) {
        int end = at + storedLength(b, at);
        int op = b.getByte(at + OP_OFFSET) & 0xff;
        if ((op & 3) == OP_ADMIN) {
            return null;
        }
        String symbol = symbol(b, at);
        long orderId = varint(b, at + FIXED_LENGTH + (b.getByte(at + SYMBOL_LENGTH_OFFSET) & 0xff), end);
        long seq = storedSequence(b, at);
        return switch (op & 3) {
            case OP_NEW -> {
                long owner = varint(b, cursor, end);
                long price = varint(b, cursor, end);
                long qty = varint(b, cursor, end);
                yield new JournalCommand(seq, CommandType.NEW, symbol, orderId, owner, side(op), type(op), Codes.tif((op >> 4) & 3),
                        price, qty, (op & 64) != 0, null);
            }
            case OP_CANCEL -> new JournalCommand(seq, CommandType.CANCEL, symbol, orderId, 0, null, null, null, 0, 0, false,
                    Codes.reason((op >> 2) & 15));
            case OP_AMEND -> {
                long price = varint(b, cursor, end);
                long qty = varint(b, cursor, end);
                yield new JournalCommand(seq, CommandType.AMEND, symbol, orderId, 0, null, null, null, price, qty, false, null);
            }
            default -> throw new IllegalArgumentException("unknown command code " + (op & 3));
        };
    }

    /**
     * Sends a record whose checksum was verified to its target, allocating nothing for a command once its
     * symbol was seen.
     *
     * @param b the buffer
     * @param at the record's start
     * @param target where the command goes
     * @throws IllegalArgumentException when a code is unknown or a field runs past the record
     */
    public void apply(DirectBuffer b, int at, Target target) {
        int end = at + storedLength(b, at);
        int op = b.getByte(at + OP_OFFSET) & 0xff;
        boolean timed = (op & TIMED) != 0;
        String symbol = symbol(b, at);
        int fields = at + FIXED_LENGTH + (b.getByte(at + SYMBOL_LENGTH_OFFSET) & 0xff);
        if ((op & 3) == OP_ADMIN) {
            int len = (int) varint(b, fields, end);
            int p = cursor;
            if (len < 0 || p + len > end) {
                throw new IllegalArgumentException("an administrative payload runs past its record");
            }
            byte[] payload = new byte[len];
            b.getBytes(p, payload);
            if (timed) {
                target.clock(varint(b, p + len, end));
            }
            target.admin((op >> 2) & 7, symbol, payload);
            return;
        }
        long orderId = varint(b, fields, end);
        MatchingEngine engine = target.commands();
        switch (op & 3) {
            case OP_NEW -> {
                long owner = varint(b, cursor, end);
                long price = varint(b, cursor, end);
                long qty = varint(b, cursor, end);
                if (timed) {
                    target.clock(varint(b, cursor, end));
                }
                engine.submit(symbol, orderId, owner, side(op), type(op), Codes.tif((op >> 4) & 3), price, qty, (op & 64) != 0);
            }
            case OP_CANCEL -> {
                if (timed) {
                    target.clock(varint(b, cursor, end));
                }
                engine.cancel(symbol, orderId, Codes.reason((op >> 2) & 15));
            }
            case OP_AMEND -> {
                long price = varint(b, cursor, end);
                long qty = varint(b, cursor, end);
                if (timed) {
                    target.clock(varint(b, cursor, end));
                }
                engine.amend(symbol, orderId, price, qty);
            }
            default -> throw new IllegalArgumentException("unknown command code " + (op & 3));
        }
    }

    private static Side side(int op) {
        return (op & 4) != 0 ? Side.SELL : Side.BUY;
    }

    private static OrderType type(int op) {
        return (op & 8) != 0 ? OrderType.MARKET : OrderType.LIMIT;
    }

    /** A symbol from its bytes through a small direct-mapped cache, so that replay rarely allocates. */
    private String symbol(DirectBuffer b, int record) {
        int len = b.getByte(record + SYMBOL_LENGTH_OFFSET) & 0xff;
        int at = record + FIXED_LENGTH;
        int h = len;
        for (int i = 0; i < len; i++) {
            h = 31 * h + b.getByte(at + i);
        }
        int slot = (h ^ (h >>> 16)) & 255;
        byte[] cached = decodedBytes[slot];
        if (cached != null && cached.length == len) {
            boolean same = true;
            for (int i = 0; i < len && same; i++) {
                same = cached[i] == b.getByte(at + i);
            }
            if (same) {
                return decodedStrings[slot];
            }
        }
        byte[] bytes = new byte[len];
        b.getBytes(at, bytes);
        String s = new String(bytes, StandardCharsets.UTF_8);
        decodedBytes[slot] = bytes;
        decodedStrings[slot] = s;
        return s;
    }
}
