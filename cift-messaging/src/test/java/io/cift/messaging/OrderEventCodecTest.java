package io.cift.messaging;

import io.cift.core.book.CancelReason;
import io.cift.core.book.CommandType;
import io.cift.core.book.MatchingEngine;
import io.cift.core.book.MatchingEngineConfig;
import io.cift.core.book.ResultCode;
import io.cift.core.model.OrderType;
import io.cift.core.model.Side;
import io.cift.core.model.TimeInForce;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OrderEventCodecTest {

    static Stream<OrderEventCodec> codecs() {
        return Stream.of(OrderEventCodec.binary(), OrderEventCodec.json());
    }

    static List<OrderEvent> oneOfEach() {
        return List.of(
                new OrderEvent.Accepted("desk-1", 1, "AAPL", 10, 7, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, 15_000, 100),
                new OrderEvent.Rejected("desk-1", 2, "AAPL", 11, CommandType.AMEND, ResultCode.UNKNOWN_ORDER_ID),
                new OrderEvent.Trade("desk-1", 3, "AAPL", 12, 8, 10, 7, Side.SELL, 15_000, 40, 0, 60),
                new OrderEvent.Cancelled("desk-1", 4, "AAPL", 10, 60, 0, CancelReason.STP_RESTING),
                new OrderEvent.Amended("desk-1", 5, "ÄÖ-ünïcode", Long.MAX_VALUE, Long.MIN_VALUE, 1, true));
    }

    @ParameterizedTest
    @MethodSource("codecs")
    void everyEventTypeRoundTripsExactly(OrderEventCodec codec) {
        for (OrderEvent e : oneOfEach()) {
            assertThat(codec.decode(codec.encode(e))).isEqualTo(e);
        }
    }

    @ParameterizedTest
    @MethodSource("codecs")
    void randomEventsRoundTrip(OrderEventCodec codec) {
        SplittableRandom r = new SplittableRandom(5);
        for (int i = 0; i < 5_000; i++) {
            OrderEvent e = switch (r.nextInt(5)) {
                case 0 -> new OrderEvent.Accepted("e" + r.nextInt(9), r.nextLong(), "S" + r.nextInt(), r.nextLong(), r.nextLong(),
                        pick(r, Side.values()), pick(r, OrderType.values()), pick(r, TimeInForce.values()), r.nextLong(), r.nextLong());
                case 1 -> new OrderEvent.Rejected("e" + r.nextInt(9), r.nextLong(), "S", r.nextLong(), pick(r, CommandType.values()), pick(r, ResultCode.values()));
                case 2 -> new OrderEvent.Trade("e" + r.nextInt(9), r.nextLong(), "S", r.nextLong(), r.nextLong(), r.nextLong(), r.nextLong(),
                        pick(r, Side.values()), r.nextLong(), r.nextLong(), r.nextLong(), r.nextLong());
                case 3 -> new OrderEvent.Cancelled("e" + r.nextInt(9), r.nextLong(), "S", r.nextLong(), r.nextLong(), r.nextLong(), pick(r, CancelReason.values()));
                default -> new OrderEvent.Amended("e" + r.nextInt(9), r.nextLong(), "S", r.nextLong(), r.nextLong(), r.nextLong(), r.nextBoolean());
            };
            assertThat(codec.decode(codec.encode(e))).isEqualTo(e);
        }
    }

    private static <T> T pick(SplittableRandom r, T[] values) {
        return values[r.nextInt(values.length)];
    }

    @Test
    void binaryIsCompactAndRefusesWhatItCannotRead() {
        byte[] trade = OrderEventCodec.binary().encode(oneOfEach().get(2));
        assertThat(trade.length).isLessThan(OrderEventCodec.json().encode(oneOfEach().get(2)).length / 2);
        byte[] v1 = trade.clone();
        v1[0] = 1;
        assertThatThrownBy(() -> OrderEventCodec.binary().decode(v1)).hasMessageContaining("unknown event format version 1");
        assertThatThrownBy(() -> OrderEventCodec.binary().decode(Arrays.copyOf(trade, trade.length - 3)))
                .hasMessageContaining("truncated event");
        assertThatThrownBy(() -> OrderEventCodec.binary().decode(Arrays.copyOf(trade, trade.length + 2)))
                .hasMessageContaining("2 unexpected bytes after a trade event");
        byte[] badType = trade.clone();
        badType[1] = 99;
        assertThatThrownBy(() -> OrderEventCodec.binary().decode(badType)).hasMessageContaining("unknown event type code 99");
        // codes are spelled out, not ordinals: a trade's type byte is 'T' and its taker side 'S'
        assertThat(trade[1]).isEqualTo((byte) 'T');
    }

    @Test
    void jsonHasTheReadableKeysAndNamesWhatIsWrong() {
        String json = new String(OrderEventCodec.json().encode(oneOfEach().get(2)), StandardCharsets.UTF_8);
        assertThat(json).startsWith("{\"engine_id\":\"desk-1\",\"seq\":3,\"type\":\"trade\",\"symbol\":\"AAPL\",\"order_id\":12,")
                .contains("\"maker_order_id\":10", "\"taker_side\":\"SELL\"");
        assertThatThrownBy(() -> OrderEventCodec.json().decode("{\"seq\":1,\"type\":\"trade\"}".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("missing field 'engine_id'");
        assertThatThrownBy(() -> OrderEventCodec.json().decode("{\"engine_id\":\"e\",\"seq\":1,\"type\":\"trade\"}"
                .getBytes(StandardCharsets.UTF_8))).hasMessageContaining("missing field 'symbol'");
        assertThatThrownBy(() -> OrderEventCodec.json().decode("{\"engine_id\":\"e\",\"seq\":\"x\"}".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("field 'seq' must be an integer");
        assertThatThrownBy(() -> OrderEventCodec.json().decode("[1]".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("expected a JSON object");
        assertThatThrownBy(() -> OrderEventCodec.json().decode("{\"engine_id\":\"e\",\"seq\":1,\"symbol\":\"S\",\"order_id\":1,\"type\":\"bogus\"}"
                .getBytes(StandardCharsets.UTF_8))).hasMessageContaining("unknown event type 'bogus'");
    }

    @Test
    void engineEventsAreNumberedInOrderAndSurviveBothCodecs() {
        InProcessOrderEvents bus = OrderEventPublisher.inProcess(100);
        List<OrderEvent> seen = new ArrayList<>();
        bus.subscribe(1, seen::add);
        MatchingEngine engine = MatchingEngine.create(MatchingEngineConfig.builder().listener(bus.engineListener("desk-1", 1)).build());
        engine.submit("X", 1, 7, Side.SELL, OrderType.LIMIT, TimeInForce.GTC, 100, 5, false);
        engine.submit("X", 2, 8, Side.BUY, OrderType.LIMIT, TimeInForce.IOC, 101, 8, false);
        engine.cancel("X", 99);
        assertThat(seen).extracting(OrderEvent::seq).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(seen).extracting(OrderEvent::type).containsExactly(EventType.ACCEPTED, EventType.ACCEPTED,
                EventType.TRADE, EventType.CANCELLED, EventType.REJECTED);
        assertThat(seen.get(2)).isEqualTo(new OrderEvent.Trade("desk-1", 3, "X", 2, 8, 1, 7, Side.BUY, 100, 5, 3, 0));
        for (OrderEvent e : seen) {
            assertThat(OrderEventCodec.binary().decode(OrderEventCodec.binary().encode(e))).isEqualTo(e);
            assertThat(OrderEventCodec.json().decode(OrderEventCodec.json().encode(e))).isEqualTo(e);
        }
        assertThat(bus.published()).isEqualTo(5);
        assertThat(seen.get(2).messageId()).isEqualTo("desk-1-3");
    }

    @Test
    void restoringALongRunningEnginesPositionKeepsWhatArrivedAboveIt() {
        EventDeduplicator d = new EventDeduplicator();
        long far = 3_000_000_000_000L;   // a year of a busy engine's events
        assertThat(d.firstTime("a", 7)).isTrue();
        assertThat(d.firstTime("a", far - 2)).isTrue();
        assertThat(d.firstTime("a", far + 2)).isTrue();
        d.restore("a", far);   // once built a range of every number up to it: seconds here, the heap further on
        assertThat(d.contiguous("a")).isEqualTo(far);
        assertThat(d.firstTime("a", far - 2)).isFalse();
        assertThat(d.firstTime("a", far + 2)).as("arrived above the restored position").isFalse();
        assertThat(d.firstTime("a", far + 1)).isTrue();
        assertThat(d.contiguous("a")).isEqualTo(far + 2);
        d.restore("z", Long.MAX_VALUE);
        assertThat(d.contiguous("z")).isEqualTo(Long.MAX_VALUE);
        assertThat(d.firstTime("z", Long.MAX_VALUE)).isFalse();
    }

    @Test
    void theDeduplicatorLetsEachEngineEventThroughOnceWhateverTheOrder() {
        EventDeduplicator d = new EventDeduplicator();
        assertThat(d.firstTime("a", 1)).isTrue();
        assertThat(d.firstTime("a", 3)).isTrue();   // out of order
        assertThat(d.firstTime("b", 1)).as("another engine's 1").isTrue();
        assertThat(d.firstTime("a", 1)).isFalse();
        assertThat(d.firstTime("a", 3)).isFalse();
        assertThat(d.contiguous("a")).isEqualTo(1);
        assertThat(d.firstTime("a", 2)).isTrue();
        assertThat(d.contiguous("a")).isEqualTo(3);
        assertThat(d.firstTime("a", 2)).isFalse();
        d.restore("c", 10);
        assertThat(d.firstTime("c", 10)).isFalse();
        assertThat(d.firstTime("c", 11)).isTrue();
        assertThatThrownBy(() -> d.firstTime("a", 0)).hasMessageContaining("start at 1, got 0 from a");
        java.util.SplittableRandom r = new java.util.SplittableRandom(5);
        java.util.List<Long> seqs = new ArrayList<>();
        for (long s = 1; s <= 10_000; s++) {
            seqs.add(s);
            if (r.nextInt(10) == 0) {
                seqs.add(s);   // a redelivery
            }
        }
        java.util.Collections.shuffle(seqs, new java.util.Random(7));
        long first = seqs.stream().filter(s -> d.firstTime("z", s)).count();
        assertThat(first).isEqualTo(10_000);
        assertThat(d.contiguous("z")).isEqualTo(10_000);
    }

    @Test
    void inProcessBusReplaysFromASequenceNumberWithinItsCapacity() throws Exception {
        InProcessOrderEvents bus = OrderEventPublisher.inProcess(3);
        for (long s = 1; s <= 5; s++) {
            bus.publish(new OrderEvent.Rejected("desk-1", s, "X", s, CommandType.NEW, ResultCode.INVALID_PRICE));
        }
        List<Long> late = new ArrayList<>();
        AutoCloseable sub = bus.subscribe(4, e -> late.add(e.seq()));
        assertThat(late).as("kept and at or after 4").containsExactly(4L, 5L);
        List<Long> all = new ArrayList<>();
        bus.subscribe(1, e -> all.add(e.seq()));
        assertThat(all).as("only the last 3 are kept").containsExactly(3L, 4L, 5L);
        bus.publish(new OrderEvent.Rejected("desk-1", 6, "X", 6, CommandType.NEW, ResultCode.INVALID_PRICE));
        sub.close();
        bus.publish(new OrderEvent.Rejected("desk-1", 7, "X", 7, CommandType.NEW, ResultCode.INVALID_PRICE));
        assertThat(late).containsExactly(4L, 5L, 6L);
        assertThat(all).containsExactly(3L, 4L, 5L, 6L, 7L);
        assertThatThrownBy(() -> OrderEventPublisher.inProcess(-1)).hasMessageContaining("capacity must not be negative, got -1");
    }
}
