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
import java.util.HashMap;
import java.util.Map;

/**
 * The journal's record layout, little-endian: {@code length:i32, crc32c:i32} (of every byte after the
 * checksum), {@code seq:i64, timestampMicros:i64} (when the writer wrote the record's batch), {@code command:u8, side|reason:u8, orderType:u8, tif:u8,
 * postOnly:u8, reserved:u8, symbolLength:u16, orderId:i64, ownerId:i64, price:i64, quantity:i64}, then
 * the symbol in UTF-8. Every command has the same fixed part; fields it does not use are zero.
 * Encoding allocates nothing once a symbol has been seen; not thread-safe.
 */
public final class RecordCodec {
    /** Offset of the checksum. */
    public static final int CRC_OFFSET = 4;
    /** Offset of the sequence number: the checksum covers everything from here on. */
    public static final int SEQ_OFFSET = 8;
    private static final int TS_OFFSET = 16;
    private static final int CMD_OFFSET = 24;
    private static final int SIDE_OFFSET = 25;
    private static final int TYPE_OFFSET = 26;
    private static final int TIF_OFFSET = 27;
    private static final int POST_ONLY_OFFSET = 28;
    private static final int SYMBOL_LENGTH_OFFSET = 30;
    private static final int ORDER_OFFSET = 32;
    private static final int OWNER_OFFSET = 40;
    private static final int PRICE_OFFSET = 48;
    private static final int QTY_OFFSET = 56;
    /** Length of the fixed part of a record. */
    public static final int FIXED_LENGTH = 64;
    /** Longest symbol, in UTF-8 bytes, the journal takes. */
    public static final int MAX_SYMBOL_BYTES = 256;
    /** Longest record. */
    public static final int MAX_RECORD_LENGTH = FIXED_LENGTH + MAX_SYMBOL_BYTES;
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

    private final Map<String, byte[]> encoded = new HashMap<>();
    private String lastSymbol;
    private byte[] lastBytes;
    private final String[] decodedStrings = new String[256];
    private final byte[][] decodedBytes = new byte[256][];

    /**
     * The UTF-8 bytes of a symbol, cached.
     *
     * @param symbol the symbol
     * @return its bytes, or null when it is longer than {@link #MAX_SYMBOL_BYTES}
     */
    public byte[] symbolBytes(String symbol) {
        if (symbol == lastSymbol) {
            return lastBytes;
        }
        byte[] b = encoded.get(symbol);
        if (b == null) {
            b = symbol.getBytes(StandardCharsets.UTF_8);
            if (b.length > MAX_SYMBOL_BYTES) {
                return null;
            }
            encoded.put(symbol, b);
        }
        lastSymbol = symbol;
        lastBytes = b;
        return b;
    }

    /**
     * Length of a record for a symbol's bytes.
     *
     * @param symbolBytes the symbol
     * @return the record length
     */
    public static int length(byte[] symbolBytes) {
        return FIXED_LENGTH + symbolBytes.length;
    }

    /**
     * Writes a record without its timestamp and checksum (the journal writer adds both).
     *
     * @param b the buffer
     * @param at where the record starts
     * @param seq the sequence number
     * @param command NEW, CANCEL or AMEND
     * @param sym the symbol's bytes
     * @param orderId the order id
     * @param ownerId the owner (NEW)
     * @param side the side (NEW)
     * @param type the order type (NEW)
     * @param tif the time in force (NEW)
     * @param price the price (NEW, AMEND)
     * @param qty the quantity (NEW, AMEND)
     * @param postOnly post-only (NEW)
     * @param reason the cancel reason (CANCEL)
     */
    public static void encode(MutableDirectBuffer b, int at, long seq, CommandType command, byte[] sym,
                              long orderId, long ownerId, Side side, OrderType type, TimeInForce tif, long price,
                              long qty, boolean postOnly, CancelReason reason) {
        int length = FIXED_LENGTH + sym.length;
        b.putInt(at, length, LE);
        b.putInt(at + CRC_OFFSET, 0, LE);
        b.putLong(at + SEQ_OFFSET, seq, LE);
        b.putLong(at + TS_OFFSET, 0L, LE);
        byte sideCode = 0;
        byte typeCode = 0;
        byte tifCode = 0;
        switch (command) {
            case NEW -> {
                b.putByte(at + CMD_OFFSET, Codes.NEW);
                sideCode = Codes.side(side);
                typeCode = Codes.type(type);
                tifCode = Codes.tif(tif);
            }
            case CANCEL -> {
                b.putByte(at + CMD_OFFSET, Codes.CANCEL);
                sideCode = Codes.reason(reason);
            }
            case AMEND -> b.putByte(at + CMD_OFFSET, Codes.AMEND);
            default -> throw new IllegalArgumentException("command " + command);
        }
        b.putByte(at + SIDE_OFFSET, sideCode);
        b.putByte(at + TYPE_OFFSET, typeCode);
        b.putByte(at + TIF_OFFSET, tifCode);
        b.putByte(at + POST_ONLY_OFFSET, (byte) (postOnly ? 1 : 0));
        b.putByte(at + POST_ONLY_OFFSET + 1, (byte) 0);
        b.putShort(at + SYMBOL_LENGTH_OFFSET, (short) sym.length, LE);
        b.putLong(at + ORDER_OFFSET, orderId, LE);
        b.putLong(at + OWNER_OFFSET, ownerId, LE);
        b.putLong(at + PRICE_OFFSET, price, LE);
        b.putLong(at + QTY_OFFSET, qty, LE);
        b.putBytes(at + FIXED_LENGTH, sym);
    }

    /**
     * Stamps a record with the time the journal writes it.
     *
     * @param b the buffer
     * @param at the record's start
     * @param micros microseconds since the epoch
     */
    public static void stamp(MutableDirectBuffer b, int at, long micros) {
        b.putLong(at + TS_OFFSET, micros, LE);
    }

    /**
     * The record length stored at {@code at}.
     *
     * @param b the buffer
     * @param at the record's start
     * @return the length field
     */
    public static int storedLength(DirectBuffer b, int at) {
        return b.getInt(at, LE);
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

    /**
     * Decodes a record whose checksum was verified. Allocates the command.
     *
     * @param b the buffer
     * @param at the record's start
     * @return the command
     * @throws IllegalArgumentException when a code is unknown (the record is damaged)
     */
    public JournalCommand decode(DirectBuffer b, int at) {
        CommandType command = command(b.getByte(at + CMD_OFFSET));
        boolean isNew = command == CommandType.NEW;
        byte side = b.getByte(at + SIDE_OFFSET);
        return new JournalCommand(b.getLong(at + SEQ_OFFSET, LE), b.getLong(at + TS_OFFSET, LE), command,
                symbol(b, at), b.getLong(at + ORDER_OFFSET, LE), isNew ? b.getLong(at + OWNER_OFFSET, LE) : 0,
                isNew ? Codes.side(side) : null, isNew ? Codes.type(b.getByte(at + TYPE_OFFSET)) : null,
                isNew ? Codes.tif(b.getByte(at + TIF_OFFSET)) : null,
                command == CommandType.CANCEL ? 0 : b.getLong(at + PRICE_OFFSET, LE),
                command == CommandType.CANCEL ? 0 : b.getLong(at + QTY_OFFSET, LE),
                isNew && b.getByte(at + POST_ONLY_OFFSET) != 0,
                command == CommandType.CANCEL ? Codes.reason(side) : null);
    }

    /**
     * Sends a record whose checksum was verified to an engine, allocating nothing once its symbol was seen.
     *
     * @param b the buffer
     * @param at the record's start
     * @param engine where the command goes
     * @throws IllegalArgumentException when a code is unknown (the record is damaged)
     */
    public void apply(DirectBuffer b, int at, MatchingEngine engine) {
        String symbol = symbol(b, at);
        long orderId = b.getLong(at + ORDER_OFFSET, LE);
        switch (b.getByte(at + CMD_OFFSET)) {
            case Codes.NEW -> engine.submit(symbol, orderId, b.getLong(at + OWNER_OFFSET, LE),
                    Codes.side(b.getByte(at + SIDE_OFFSET)), Codes.type(b.getByte(at + TYPE_OFFSET)),
                    Codes.tif(b.getByte(at + TIF_OFFSET)), b.getLong(at + PRICE_OFFSET, LE),
                    b.getLong(at + QTY_OFFSET, LE), b.getByte(at + POST_ONLY_OFFSET) != 0);
            case Codes.CANCEL -> engine.cancel(symbol, orderId, Codes.reason(b.getByte(at + SIDE_OFFSET)));
            case Codes.AMEND -> engine.amend(symbol, orderId, b.getLong(at + PRICE_OFFSET, LE), b.getLong(at + QTY_OFFSET, LE));
            default -> throw new IllegalArgumentException("unknown command code " + (b.getByte(at + CMD_OFFSET) & 0xff));
        }
    }

    private static CommandType command(byte c) {
        return switch (c) {
            case Codes.NEW -> CommandType.NEW;
            case Codes.CANCEL -> CommandType.CANCEL;
            case Codes.AMEND -> CommandType.AMEND;
            default -> throw new IllegalArgumentException("unknown command code " + (c & 0xff));
        };
    }

    /** A symbol from its bytes through a small direct-mapped cache, so that replay rarely allocates. */
    private String symbol(DirectBuffer b, int record) {
        int len = b.getShort(record + SYMBOL_LENGTH_OFFSET, LE) & 0xffff;
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
