package io.cift.messaging;

import io.cift.core.book.CancelReason;
import io.cift.core.book.CommandType;
import io.cift.core.book.ResultCode;
import io.cift.core.model.OrderType;
import io.cift.core.model.Side;
import io.cift.core.model.TimeInForce;
import org.junit.jupiter.api.Test;

import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The binary event format byte for byte, written out by hand from its specification (version 2,
 * little-endian: version, type code, engine id length and bytes, seq, symbol length (u16) and bytes, order
 * id, then the type's fields; enums as their one-byte codes). A change to an enum's order or to the
 * encoder that would change what stored events mean fails here.
 */
class BinaryEventGoldenBytesTest {

    private static final OrderEventCodec CODEC = OrderEventCodec.binary();

    /** version 2, the type code, engine id "e1", seq 7, symbol "ES", order id 42. */
    private static String head(char type) {
        return "02 " + String.format("%02x", (int) type) + " 02 6531 0700000000000000 0200 4553 2a00000000000000";
    }

    private static void golden(OrderEvent e, String hex) {
        byte[] expected = HexFormat.of().parseHex(hex.replace(" ", ""));
        assertThat(HexFormat.of().formatHex(CODEC.encode(e))).as(e.type().name()).isEqualTo(HexFormat.of().formatHex(expected));
        assertThat(CODEC.decode(expected)).isEqualTo(e);
    }

    @Test
    void accepted() {
        golden(new OrderEvent.Accepted("e1", 7, "ES", 42, 9, Side.SELL, OrderType.MARKET, TimeInForce.IOC, 0, 5),
                head('A') + " 0900000000000000 53 4d 49 0000000000000000 0500000000000000");   // 'S' 'M' 'I'
        golden(new OrderEvent.Accepted("e1", 7, "ES", 42, 9, Side.BUY, OrderType.LIMIT, TimeInForce.FOK, 100, 5),
                head('A') + " 0900000000000000 42 4c 46 6400000000000000 0500000000000000");   // 'B' 'L' 'F'
    }

    @Test
    void rejected() {
        golden(new OrderEvent.Rejected("e1", 7, "ES", 42, CommandType.AMEND, ResultCode.RISK_REJECTED),
                head('R') + " 41 08");                                                         // 'A', code 8
        golden(new OrderEvent.Rejected("e1", 7, "ES", 42, CommandType.NEW, ResultCode.INVALID_SYMBOL),
                head('R') + " 4e 0b");                                                         // 'N', code 11
        golden(new OrderEvent.Rejected("e1", 7, "ES", 42, CommandType.NEW, ResultCode.TOO_MANY_SYMBOLS),
                head('R') + " 4e 0c");                                                         // 'N', code 12
    }

    @Test
    void trade() {
        golden(new OrderEvent.Trade("e1", 7, "ES", 42, 9, 41, 8, Side.BUY, 100, 3, 2, 0),
                head('T') + " 0900000000000000 2900000000000000 0800000000000000 42"
                        + " 6400000000000000 0300000000000000 0200000000000000 0000000000000000");
    }

    @Test
    void cancelled() {
        golden(new OrderEvent.Cancelled("e1", 7, "ES", 42, 5, 0, CancelReason.KILL_SWITCH),
                head('C') + " 0500000000000000 0000000000000000 4b");                       // 'K'
        golden(new OrderEvent.Cancelled("e1", 7, "ES", 42, 1, 4, CancelReason.STP_INCOMING),
                head('C') + " 0100000000000000 0400000000000000 4e");                       // 'N'
    }

    @Test
    void amended() {
        golden(new OrderEvent.Amended("e1", 7, "ES", 42, 101, 6, true),
                head('M') + " 6500000000000000 0600000000000000 01");
    }
}
