package io.cift.core.feed;

import io.cift.core.journal.Commands;
import io.cift.core.book.SelfTradePrevention;
import io.cift.core.book.MatchingEngine;
import io.cift.core.book.MatchingEngineConfig;
import io.cift.core.model.Side;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The feed's SBE form: golden bytes of every message type written by hand from the schema (little-endian header blockLength,
 * templateId, schemaId 7301 = 0x1C85, version 1; the fields in schema order; the symbol with a one-byte
 * length), and every message of a random flow surviving a round trip.
 */
class FeedSbeTest {

    private static String hex(FeedMessage m) {
        byte[] buf = new byte[FeedSbe.MAX_LENGTH];
        int n = new FeedSbe().encode(m, buf, 0);
        return HexFormat.of().formatHex(Arrays.copyOf(buf, n));
    }

    @Test
    void goldenBytes() {
        assertThat(hex(new FeedMessage.OrderAdded(1, "AB", 2, Side.SELL, 100, 5, 3))).isEqualTo(
                "2500" + "0100" + "851c" + "0100"                      // header: block 37, template 1, schema, version
                        + "0100000000000000" + "0200000000000000"       // seq 1, order 2
                        + "6400000000000000" + "0500000000000000"       // price 100, quantity 5
                        + "03000000" + "02"                             // position 3, SELL = 2
                        + "02" + "4142");                               // "AB"
        assertThat(hex(new FeedMessage.OrderReplaced(0x0102, "Z", 300, 10_000, 1, true))).isEqualTo(
                "2100" + "0400" + "851c" + "0100"
                        + "0201000000000000" + "2c01000000000000" + "1027000000000000" + "0100000000000000"
                        + "01" + "01" + "5a");
        assertThat(hex(new FeedMessage.OrderExecuted(3, "A", 4, 6, 99, 7))).isEqualTo(
                "2800" + "0200" + "851c" + "0100"
                        + "0300000000000000" + "0400000000000000" + "0600000000000000" + "6300000000000000"
                        + "0700000000000000" + "01" + "41");
        assertThat(hex(new FeedMessage.SnapshotStart(9, 2))).isEqualTo(
                "1000" + "0600" + "851c" + "0100" + "0900000000000000" + "0200000000000000");
        assertThat(hex(new FeedMessage.SnapshotEnd(10))).isEqualTo("0800" + "0800" + "851c" + "0100" + "0a00000000000000");
        assertThat(hex(new FeedMessage.OrderReduced(5, "MSFT", 8, 2))).isEqualTo(
                "1800" + "0300" + "851c" + "0100"
                        + "0500000000000000" + "0800000000000000" + "0200000000000000" + "04" + "4d534654");
        assertThat(hex(new FeedMessage.SnapshotOrder(20, "B", 6, Side.BUY, 101, 9))).isEqualTo(
                "2100" + "0700" + "851c" + "0100"
                        + "1400000000000000" + "0600000000000000" + "6500000000000000" + "0900000000000000"
                        + "01" + "01" + "42");
        assertThat(hex(new FeedMessage.OrderDeleted(11, "Ä", 12))).as("UTF-8 symbol").isEqualTo(
                "1000" + "0500" + "851c" + "0100" + "0b00000000000000" + "0c00000000000000" + "02" + "c384");
    }

    @Test
    void everyMessageOfARandomFlowSurvivesARoundTrip() {
        List<FeedMessage> messages = new ArrayList<>();
        OrderFeed feed = new OrderFeed(messages::add, 3_000);
        MatchingEngine e = MatchingEngine.create(MatchingEngineConfig.builder()
                .selfTradePrevention(SelfTradePrevention.CANCEL_BOTH).listener(feed).build());
        for (Commands.Command c : FeedFlows.random(21, 20_000)) {
            c.applyTo(e);
            feed.endCommand();
        }
        FeedSbe codec = new FeedSbe();
        byte[] buf = new byte[FeedSbe.MAX_LENGTH + 7];
        for (FeedMessage m : messages) {
            int n = codec.encode(m, buf, 7);
            assertThat(codec.decode(buf, 7, n)).isEqualTo(m);
        }
        assertThat(messages).extracting(m -> m.getClass().getSimpleName()).contains("OrderAdded", "OrderExecuted",
                "OrderReplaced", "OrderDeleted", "SnapshotStart", "SnapshotOrder", "SnapshotEnd");
        FeedMessage reduced = new FeedMessage.OrderReduced(5, "MSFT", 8, 2);
        int n = codec.encode(reduced, buf, 0);
        assertThat(codec.decode(buf, 0, n)).isEqualTo(reduced);
    }

    @Test
    void bytesThatAreNotAFeedMessageAreRefusedSayingWhy() {
        FeedSbe codec = new FeedSbe();
        byte[] buf = new byte[FeedSbe.MAX_LENGTH];
        int n = codec.encode(new FeedMessage.OrderAdded(1, "AB", 2, Side.BUY, 100, 5, 1), buf, 0);
        assertThatThrownBy(() -> codec.decode(buf, 0, n - 3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cut short");
        assertThatThrownBy(() -> codec.decode(buf, 0, 5)).hasMessageContaining("at least 8 bytes");
        byte[] other = buf.clone();
        other[4] = 1;                                  // schema id 7169
        assertThatThrownBy(() -> codec.decode(other, 0, n)).hasMessageContaining("not a CIFT feed message");
        byte[] unknown = buf.clone();
        unknown[2] = 99;                               // template 99
        assertThatThrownBy(() -> codec.decode(unknown, 0, n)).hasMessageContaining("unknown feed message template 99");
        assertThatThrownBy(() -> codec.encode(new FeedMessage.SnapshotEnd(1), new byte[10], 0))
                .hasMessageContaining("need " + FeedSbe.MAX_LENGTH + " bytes");
        try (var schema = FeedSbe.schema()) {
            assertThat(new String(schema.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8))
                    .contains("id=\"7301\"", "name=\"OrderAdded\" id=\"1\"");
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void damagedBytesAreRefusedWithAnIllegalArgumentExceptionOrDecodeToAMessage() {
        FeedSbe codec = new FeedSbe();
        List<FeedMessage> samples = List.of(new FeedMessage.OrderAdded(1, "AB", 2, Side.SELL, 100, 5, 3),
                new FeedMessage.OrderReplaced(2, "Z", 300, 10_000, 1, true), new FeedMessage.OrderExecuted(3, "A", 4, 6, 99, 7),
                new FeedMessage.SnapshotStart(9, 2), new FeedMessage.SnapshotEnd(10), new FeedMessage.OrderReduced(5, "MSFT", 8, 2),
                new FeedMessage.SnapshotOrder(20, "B", 6, Side.BUY, 101, 9), new FeedMessage.OrderDeleted(11, "\u00c4", 12));
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(17);
        byte[] buf = new byte[FeedSbe.MAX_LENGTH];
        int decoded = 0;
        int refused = 0;
        for (int i = 0; i < 200_000; i++) {
            int n = codec.encode(samples.get(rnd.nextInt(samples.size())), buf, 0);
            byte[] damaged = Arrays.copyOf(buf, n);
            for (int k = rnd.nextInt(1, 4); k > 0; k--) {
                damaged[rnd.nextInt(n)] = (byte) rnd.nextInt(256);
            }
            int length = rnd.nextInt(4) == 0 ? rnd.nextInt(n + 1) : n;   // sometimes cut short as well
            try {
                codec.decode(damaged, 0, length);
                decoded++;
            } catch (IllegalArgumentException expected) {
                refused++;
            }
        }
        assertThat(decoded).isPositive();
        assertThat(refused).isPositive();
    }
}
