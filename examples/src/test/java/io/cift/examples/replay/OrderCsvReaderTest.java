package io.cift.examples.replay;

import io.cift.core.model.OrderType;
import io.cift.core.model.Side;
import io.cift.core.model.TimeInForce;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OrderCsvReaderTest {

    private static OrderCsvReader reader(String text) throws IOException {
        return new OrderCsvReader(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static final String H = OrderCsvReader.HEADER + "\n";

    @Test
    void readsEveryActionAndField() throws IOException {
        OrderCsvReader r = reader(H
                + "AAA,NEW,1,BUY,LIMIT,GTC,100,5\n"
                + "AAA,NEW,2,SELL,MARKET,IOC,,7\r\n"
                + "\n"
                + "BBB,CANCEL,1,,,,,\n"
                + "AAA,AMEND,3,,,,99,-4");   // no final line end; negative qty is the engine's to reject
        assertThat(r.next()).isTrue();
        assertThat(r.symbol).isEqualTo("AAA");
        assertThat(r.action).isEqualTo(OrderCsvReader.Action.NEW);
        assertThat(r.orderId).isEqualTo(1);
        assertThat(r.side).isEqualTo(Side.BUY);
        assertThat(r.type).isEqualTo(OrderType.LIMIT);
        assertThat(r.tif).isEqualTo(TimeInForce.GTC);
        assertThat(r.price).isEqualTo(100);
        assertThat(r.qty).isEqualTo(5);
        assertThat(r.lineNumber()).isEqualTo(2);
        String first = r.symbol;

        assertThat(r.next()).isTrue();
        assertThat(r.symbol).isSameAs(first);
        assertThat(r.side).isEqualTo(Side.SELL);
        assertThat(r.type).isEqualTo(OrderType.MARKET);
        assertThat(r.tif).isEqualTo(TimeInForce.IOC);
        assertThat(r.price).isZero();
        assertThat(r.qty).isEqualTo(7);

        assertThat(r.next()).isTrue();
        assertThat(r.lineNumber()).isEqualTo(5);
        assertThat(r.symbol).isEqualTo("BBB");
        assertThat(r.action).isEqualTo(OrderCsvReader.Action.CANCEL);

        assertThat(r.next()).isTrue();
        assertThat(r.action).isEqualTo(OrderCsvReader.Action.AMEND);
        assertThat(r.orderId).isEqualTo(3);
        assertThat(r.price).isEqualTo(99);
        assertThat(r.qty).isEqualTo(-4);
        assertThat(r.symbol).isEqualTo("AAA");
        assertThat(r.next()).isFalse();
        assertThat(r.next()).isFalse();
    }

    @Test
    void manySymbolsInterleavedAreReadAsOneStringEach() throws IOException {
        StringBuilder text = new StringBuilder(H);
        for (int i = 0; i < 5_000; i++) {
            text.append("S").append(i * 7919 % 300).append(i % 2 == 0 ? "é" : "").append(",NEW,").append(i + 1)
                    .append(",BUY,LIMIT,GTC,100,5\n");
        }
        OrderCsvReader r = reader(text.toString());
        java.util.Map<String, String> seen = new java.util.HashMap<>();
        int i = 0;
        while (r.next()) {
            String expected = "S" + (i * 7919 % 300) + (i % 2 == 0 ? "é" : "");
            assertThat(r.symbol).isEqualTo(expected);
            String first = seen.putIfAbsent(expected, r.symbol);
            if (first != null) {
                assertThat(r.symbol).as("the same instance for the same symbol").isSameAs(first);
            }
            i++;
        }
        assertThat(i).isEqualTo(5_000);
        assertThat(seen).hasSize(300);
    }

    @Test
    void wrongHeaderIsMalformedLineOne() {
        assertThatThrownBy(() -> reader("symbol,action\nA,NEW,1,BUY,LIMIT,GTC,1,1\n"))
                .isInstanceOf(MalformedInputException.class).hasMessageStartingWith("line 1:").hasMessageContaining("header");
        assertThatThrownBy(() -> reader(""))
                .isInstanceOf(MalformedInputException.class).hasMessageContaining("empty file");
    }

    @Test
    void malformedLinesNameTheLineAndTheField() throws IOException {
        expectMalformed("A,NEW,1,BUY,LIMIT,GTC,100\n", "line 2: expected 8 columns, got 7");
        expectMalformed("A,NEW,1,BUY,LIMIT,GTC,100,5,9\n", "line 2: expected 8 columns, got more");
        expectMalformed("A,NEW,1,BUY,LIMIT,GTC,1x0,5\n", "line 2: field 'price': not an integer: '1x0'");
        expectMalformed("A,NEW,abc,BUY,LIMIT,GTC,100,5\n", "line 2: field 'order_id': not an integer: 'abc'");
        expectMalformed("A,NEW,1,BUY,LIMIT,GTC,,5\n", "line 2: field 'price': empty");
        expectMalformed("A,NEW,1,BUY,LIMIT,GTC,5,99999999999999999999\n", "line 2: field 'qty': out of range");
        expectMalformed("A,NEW,1,BUY,LIMIT,GTC,5,-\n", "line 2: field 'qty': not an integer: '-'");
        expectMalformed("A,BUY,1,BUY,LIMIT,GTC,100,5\n", "line 2: field 'action'");
        expectMalformed("A,NEW,1,B,LIMIT,GTC,100,5\n", "line 2: field 'side'");
        expectMalformed("A,NEW,1,BUY,STOP,GTC,100,5\n", "line 2: field 'type'");
        expectMalformed("A,NEW,1,BUY,LIMIT,DAY,100,5\n", "line 2: field 'tif'");
        expectMalformed(",NEW,1,BUY,LIMIT,GTC,100,5\n", "line 2: field 'symbol': empty");
        expectMalformed("A,AMEND,1,,,,,5\n", "line 2: field 'price': empty");
    }

    private static void expectMalformed(String line, String message) throws IOException {
        OrderCsvReader r = reader(H + line);
        assertThatThrownBy(r::next).isInstanceOf(MalformedInputException.class).hasMessageStartingWith(message)
                .satisfies(e -> assertThat(((MalformedInputException) e).lineNumber()).isEqualTo(2));
    }

    @Test
    void streamsLinesAcrossBufferBoundariesWithoutHoldingTheFile() throws IOException {
        int lines = 300_000;   // ~10 MB generated on the fly, never in memory at once
        InputStream gen = new InputStream() {
            private final byte[] header = H.getBytes(StandardCharsets.US_ASCII);
            private byte[] cur = header;
            private int at;
            private int produced;

            @Override
            public int read() {
                if (at == cur.length) {
                    if (produced == lines) {
                        return -1;
                    }
                    produced++;
                    cur = ("SYM" + (produced % 3) + ",NEW," + produced + ",BUY,LIMIT,GTC," + (1000 + produced % 7) + ","
                            + produced + "\n").getBytes(StandardCharsets.US_ASCII);
                    at = 0;
                }
                return cur[at++];
            }
        };
        try (OrderCsvReader r = new OrderCsvReader(gen)) {
            long n = 0;
            while (r.next()) {
                n++;
                assertThat(r.orderId).isEqualTo(n);
                assertThat(r.qty).isEqualTo(n);
                assertThat(r.price).isEqualTo(1000 + n % 7);
                assertThat(r.symbol).isEqualTo("SYM" + (n % 3));
            }
            assertThat(n).isEqualTo(lines);
        }
    }
}
