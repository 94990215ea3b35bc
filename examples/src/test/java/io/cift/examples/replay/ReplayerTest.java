package io.cift.examples.replay;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class ReplayerTest {

    /** 10,000 trades of the largest quantity sum past 2^63 - 1: the volume saturates instead of wrapping negative. */
    @Test
    void theVolumeNeverWrapsNegative() throws IOException {
        StringBuilder orders = new StringBuilder(OrderCsvReader.HEADER).append('\n');
        long max = io.cift.core.book.OrderBook.MAX_QUANTITY;
        for (int i = 1; i <= 10_000; i++) {
            orders.append("A,NEW,").append(i).append(",SELL,LIMIT,GTC,100,").append(max).append('\n');
            orders.append("A,NEW,").append(100_000 + i).append(",BUY,LIMIT,IOC,100,").append(max).append('\n');
        }
        ReplaySummary s = new Replayer(64).replay(new ByteArrayInputStream(orders.toString().getBytes(StandardCharsets.US_ASCII)), null);
        assertThat(s.trades()).isEqualTo(10_000);
        assertThat(s.volume()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void writesTradesInOrderAndCountsRejects() throws IOException {
        String orders = OrderCsvReader.HEADER + "\n"
                + "AAA,NEW,1,SELL,LIMIT,GTC,101,5\n"
                + "AAA,NEW,2,SELL,LIMIT,GTC,100,5\n"
                + "BBB,NEW,1,BUY,LIMIT,GTC,50,1\n"
                + "AAA,NEW,3,BUY,LIMIT,IOC,101,7\n"       // takes 5 @100 from 2, then 2 @101 from 1
                + "AAA,CANCEL,2,,,,,\n"                   // already filled: rejected
                + "AAA,NEW,4,BUY,LIMIT,GTC,0,5\n"         // bad price: rejected
                + "AAA,AMEND,1,,,,100,3\n"                // keeps 3 open at 100
                + "AAA,NEW,5,BUY,MARKET,FOK,,3\n"         // fills 3 @100
                + "BBB,NEW,2,SELL,MARKET,IOC,,4\n";       // 1 @50, rest cancelled
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ReplaySummary s = new Replayer(4).replay(new ByteArrayInputStream(orders.getBytes(StandardCharsets.UTF_8)), out);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(
                "trade_seq,symbol,taker_order_id,maker_order_id,price,qty\n"
                        + "1,AAA,3,2,100,5\n"
                        + "2,AAA,3,1,101,2\n"
                        + "3,AAA,5,1,100,3\n"
                        + "4,BBB,2,1,50,1\n");
        assertThat(s.commands()).isEqualTo(9);
        assertThat(s.trades()).isEqualTo(4);
        assertThat(s.rejects()).isEqualTo(2);
        assertThat(s.volume()).isEqualTo(11);
        assertThat(s.commandsPerSecond()).isPositive();
    }

    @Test
    void writerFormatsExtremeNumbers() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TradeCsvWriter w = new TradeCsvWriter(out)) {
            w.write("X", Long.MAX_VALUE, Long.MIN_VALUE, -5, 0);
            assertThat(w.count()).isEqualTo(1);
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).endsWith("\n1,X,9223372036854775807,-9223372036854775808,-5,0\n");
    }
}
