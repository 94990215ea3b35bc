package io.cift.core.journal.internal;

import io.cift.core.book.CancelReason;
import io.cift.core.book.CommandType;
import io.cift.core.journal.JournalCommand;
import io.cift.core.model.OrderType;
import io.cift.core.model.Side;
import io.cift.core.model.TimeInForce;
import org.agrona.BufferUtil;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The record layout, byte for byte, as the class comment of {@link RecordCodec} states it. The expected bytes are
 * written out by hand from that layout, not produced by the codec. The encoder stores through the buffer's address,
 * so it is checked on a heap and on a direct buffer.
 */
class RecordCodecTest {
    private static final byte[] SYM = "AB".getBytes(StandardCharsets.UTF_8);

    private static MutableDirectBuffer buffer(boolean direct) {
        return direct ? new UnsafeBuffer(BufferUtil.allocateDirectAligned(256, 64)) : new UnsafeBuffer(new byte[256]);
    }

    /** A buffer of 256 bytes of 0x55, so that a test can tell what was written. */
    private static MutableDirectBuffer marked(boolean direct) {
        MutableDirectBuffer b = buffer(direct);
        b.setMemory(0, 256, (byte) 0x55);
        return b;
    }

    private static void assertUntouched(MutableDirectBuffer b) {
        for (int i = 0; i < 256; i++) {
            assertEquals(0x55, b.getByte(i) & 0xFF, "byte " + i);
        }
    }

    private static byte[] bytes(int... v) {
        byte[] b = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = (byte) v[i];
        }
        return b;
    }

    /** The record at {@code at} is exactly {@code expected}, and the marked bytes on either side are untouched. */
    private static void assertRecordAlone(MutableDirectBuffer b, int at, byte[] expected) {
        assertArrayEquals(expected, encoded(b, at, expected.length));
        assertEquals(0x55, b.getByte(at - 1) & 0xFF, "nothing written before the record");
        assertEquals(0x55, b.getByte(at + expected.length) & 0xFF, "nothing written after the record");
    }

    private static byte[] encoded(MutableDirectBuffer b, int at, int length) {
        byte[] out = new byte[length];
        b.getBytes(at, out);
        return out;
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aNewOrderIsLaidOutAsDocumented(boolean direct) {
        MutableDirectBuffer b = marked(direct);
        int op = RecordCodec.op(CommandType.NEW, Side.SELL, OrderType.LIMIT, TimeInForce.IOC, false, null);
        assertEquals(1 | 4 | (1 << 4), op, "NEW, sell, limit, IOC");
        // order id 300 -> zigzag 600 = 0xD8 0x04; owner -1 -> 1; price 1,000 -> 2,000 = 0xD0 0x0F; quantity 5 -> 10
        int length = RecordCodec.length(op, SYM, 300, -1, 1_000, 5, false, 0);
        assertEquals(16 + 2 + 2 + 1 + 2 + 1, length);
        RecordCodec.encode(b, 7, length, 0x0102030405060708L, op, SYM, 300, -1, 1_000, 5, false, 0);
        assertRecordAlone(b, 7, bytes(length, 0, 0, 0, 0, 0,   // length u16 LE, checksum left 0 for the writer
                0x08, 0x07, 0x06, 0x05, 0x04, 0x03, 0x02, 0x01,         // seq i64 LE
                0x15, 2, 'A', 'B',                                       // op, symbol length, symbol
                0xD8, 0x04, 0x01, 0xD0, 0x0F, 0x0A));                    // order id, owner, price, quantity
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aTimedAmendAndACancelAreLaidOutAsDocumented(boolean direct) {
        MutableDirectBuffer b = buffer(direct);
        int amend = RecordCodec.op(CommandType.AMEND, null, null, null, false, null);
        int length = RecordCodec.length(amend, SYM, 1, 0, -2, 64, true, 3);
        RecordCodec.encode(b, 0, length, 9, amend, SYM, 1, 0, -2, 64, true, 3);
        assertArrayEquals(bytes(length, 0, 0, 0, 0, 0, 9, 0, 0, 0, 0, 0, 0, 0,
                        3 | 128, 2, 'A', 'B',
                        0x02, 0x03, 0x80, 0x01, 0x06),   // order id 1, price -2 -> 3, quantity 64 -> 128, clock 3 -> 6
                encoded(b, 0, length));

        int cancel = RecordCodec.op(CommandType.CANCEL, null, null, null, false, CancelReason.USER);
        length = RecordCodec.length(cancel, SYM, 0, 0, 0, 0, false, 0);
        RecordCodec.encode(b, 100, length, 10, cancel, SYM, 0, 0, 0, 0, false, 0);
        assertEquals(RecordCodec.MIN_RECORD_LENGTH + 1, length);
        assertEquals(cancel, b.getByte(100 + 14) & 0xFF);
        assertEquals(0, b.getByte(100 + 18), "order id 0 is one varint byte");
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void whatIsEncodedDecodesToTheSameCommand(boolean direct) {
        MutableDirectBuffer b = buffer(direct);
        int op = RecordCodec.op(CommandType.NEW, Side.BUY, OrderType.MARKET, TimeInForce.FOK, true, null);
        int length = RecordCodec.length(op, SYM, Long.MAX_VALUE, Long.MIN_VALUE, 0, 1, false, 0);
        RecordCodec.encode(b, 3, length, 42, op, SYM, Long.MAX_VALUE, Long.MIN_VALUE, 0, 1, false, 0);
        assertEquals(length, RecordCodec.storedLength(b, 3));
        assertEquals(42, RecordCodec.storedSequence(b, 3));
        JournalCommand c = new RecordCodec().decode(b, 3);
        assertEquals(CommandType.NEW, c.command());
        assertEquals("AB", c.symbol());
        assertEquals(Long.MAX_VALUE, c.orderId());
        assertEquals(Long.MIN_VALUE, c.ownerId());
        assertEquals(Side.BUY, c.side());
        assertEquals(OrderType.MARKET, c.orderType());
        assertEquals(TimeInForce.FOK, c.timeInForce());
        assertTrue(c.postOnly());
        assertEquals(1, c.quantity());
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aRecordThatWouldNotFitIsRefusedBeforeAnythingIsWritten(boolean direct) {
        MutableDirectBuffer b = marked(direct);
        int op = RecordCodec.op(CommandType.CANCEL, null, null, null, false, CancelReason.USER);
        int length = RecordCodec.length(op, SYM, 5, 0, 0, 0, false, 0);
        assertThrows(IndexOutOfBoundsException.class,
                () -> RecordCodec.encode(b, 256 - length + 1, length, 1, op, SYM, 5, 0, 0, 0, false, 0));
        assertUntouched(b);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aLengthThatDisagreesWithTheFieldsIsRefusedBeforeAnythingIsWritten(boolean direct) {
        MutableDirectBuffer b = marked(direct);
        int op = RecordCodec.op(CommandType.CANCEL, null, null, null, false, CancelReason.USER);
        int length = RecordCodec.length(op, SYM, 5, 0, 0, 0, false, 0);
        for (int wrong : new int[]{length - 1, length + 1}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> RecordCodec.encode(b, 256 - length, wrong, 77, op, SYM, 5, 0, 0, 0, false, 0));
            assertTrue(e.getMessage().contains("record 77: length " + wrong), e.getMessage());
        }
        assertUntouched(b);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void anAdministrativeRecordIsLaidOutAsDocumented(boolean direct) {
        MutableDirectBuffer b = marked(direct);
        byte[] payload = {9, 8, 7};
        // kind 3 (an account's kill switch): op = 0 | 3 << 2 | 128; payload length 3 -> zigzag 6; clock 70 -> 140 = 0x8C 0x01
        int length = RecordCodec.adminLength(SYM, payload.length, 70);
        assertEquals(16 + 2 + 1 + 3 + 2, length);
        RecordCodec.encodeAdmin(b, 5, length, 258, RecordCodec.ADMIN_KILL_SWITCH, SYM, payload, payload.length, 70);
        assertRecordAlone(b, 5, bytes(length, 0, 0, 0, 0, 0, 0x02, 0x01, 0, 0, 0, 0, 0, 0,
                12 | 128, 2, 'A', 'B',
                0x06, 9, 8, 7, 0x8C, 0x01));
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void anAdministrativeRecordThatDisagreesWithItsLengthOrDoesNotFitWritesNothing(boolean direct) {
        MutableDirectBuffer b = marked(direct);
        byte[] payload = {1, 2};
        int length = RecordCodec.adminLength(SYM, payload.length, 1);
        assertThrows(IllegalArgumentException.class,
                () -> RecordCodec.encodeAdmin(b, 0, length + 1, 3, RecordCodec.ADMIN_GLOBAL_KILL, SYM, payload, 2, 1));
        assertThrows(IllegalArgumentException.class,
                () -> RecordCodec.encodeAdmin(b, 0, length + 1, 3, RecordCodec.ADMIN_GLOBAL_KILL, SYM, payload, 3, 1));
        assertThrows(IndexOutOfBoundsException.class,
                () -> RecordCodec.encodeAdmin(b, 256 - length + 1, length, 3, RecordCodec.ADMIN_GLOBAL_KILL, SYM, payload,
                        2, 1));
        assertUntouched(b);
    }

    /** The matching thread's shortcuts ({@code opNew}, {@code opCancel}) against the decoder, for every combination. */
    @org.junit.jupiter.api.Test
    void everyNewOrderAndCancelOpByteDecodesToWhatWasGiven() {
        MutableDirectBuffer b = buffer(false);
        RecordCodec codec = new RecordCodec();
        for (Side side : Side.values()) {
            for (OrderType type : OrderType.values()) {
                for (TimeInForce tif : TimeInForce.values()) {
                    for (boolean postOnly : new boolean[]{false, true}) {
                        int op = RecordCodec.opNew(side, type, tif, postOnly);
                        int length = RecordCodec.length(op, SYM, 5, 6, 7, 8, false, 0);
                        RecordCodec.encode(b, 0, length, 1, op, SYM, 5, 6, 7, 8, false, 0);
                        JournalCommand c = codec.decode(b, 0);
                        String what = side + " " + type + " " + tif + " postOnly=" + postOnly;
                        assertEquals(CommandType.NEW, c.command(), what);
                        assertEquals(side, c.side(), what);
                        assertEquals(type, c.orderType(), what);
                        assertEquals(tif, c.timeInForce(), what);
                        assertEquals(postOnly, c.postOnly(), what);
                    }
                }
            }
        }
        for (CancelReason reason : CancelReason.values()) {
            int op = RecordCodec.opCancel(reason);
            int length = RecordCodec.length(op, SYM, 5, 0, 0, 0, false, 0);
            RecordCodec.encode(b, 0, length, 1, op, SYM, 5, 0, 0, 0, false, 0);
            JournalCommand c = codec.decode(b, 0);
            assertEquals(CommandType.CANCEL, c.command(), reason.name());
            assertEquals(reason, c.cancelReason(), reason.name());
        }
    }
}
