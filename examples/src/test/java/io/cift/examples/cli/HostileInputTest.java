package io.cift.examples.cli;

import io.cift.core.feed.FeedCsv;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** Inputs that used to hang, exhaust memory or give a wrong answer with exit 0: each is refused, fast, naming what is wrong. */
class HostileInputTest {

    @TempDir
    Path dir;

    private Path file(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    private CliRun refused(String... args) {
        CliRun r = new CliRun();
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> assertThat(r.run(args)).as(r.err.toString()).isEqualTo(1));
        assertThat(r.err.toString()).doesNotContain("\tat ");
        return r;
    }

    @Test
    void decimalsWithHugeExponentsAreRefusedAtParseTime() throws IOException {
        Path m = file("m.csv", "symbol,mark_price\nA,100\n");
        Path hugeQty = file("t1.csv", "trade_id,timestamp,symbol,side,quantity,price,fee\n1,2026-01-05T10:00:00Z,A,BUY,1e100000000,1,0\n");
        assertThat(refused("analytics", "pnl", "--trades", hugeQty.toString(), "--marks", m.toString()).err.toString())
                .contains("t1.csv line 2", "field 'quantity'", "'1e100000000' is out of range", "18 decimal places", "38 digits");
        Path tinyPrice = file("t2.csv", "trade_id,timestamp,symbol,side,quantity,price,fee\n1,2026-01-05T10:00:00Z,A,BUY,1,1e-30000000,0\n");
        assertThat(refused("analytics", "pnl", "--trades", tinyPrice.toString(), "--marks", m.toString()).err.toString())
                .contains("t2.csv line 2", "field 'price'", "out of range");
        Path wide = file("t4.csv", "trade_id,timestamp,symbol,side,quantity,price,fee\n1,2026-01-05T10:00:00Z,A,BUY,1,"
                + "1" + "0".repeat(28) + ",0\n");   // 29 digits, which no analytics backend takes
        assertThat(refused("analytics", "pnl", "--trades", wide.toString(), "--marks", m.toString()).err.toString())
                .contains("t4.csv line 2", "field 'price'", "28 digits before the point");
        // trailing zeros after the point do not count, and 18 places are fine
        Path ok = file("t3.csv", "trade_id,timestamp,symbol,side,quantity,price,fee\n"
                + "1,2026-01-05T10:00:00Z,A,BUY,1.000000000000000000000000,0.123456789012345678,0\n");
        CliRun fine = new CliRun();
        assertThat(fine.run("analytics", "pnl", "--trades", ok.toString(), "--marks", m.toString())).as(fine.err.toString()).isZero();
    }

    @Test
    void aLineLongerThanAnyRecordIsRefusedNamingItWithoutEchoingIt() throws IOException {
        String endless = "7".repeat(3_000_000);   // a file without line ends, or with one absurd line
        Path m = file("m.csv", "symbol,mark_price\nA,100\n");
        Path trades = file("t.csv", "trade_id,timestamp,symbol,side,quantity,price,fee\n" + endless);
        Path ticks = file("ticks.csv", "timestamp,symbol,bid,ask,bid_size,ask_size,last,last_size\n" + endless + "\n");
        Path feed = file("feed.csv", FeedCsv.HEADER + "\n1,ADD," + endless + "\n");
        Path prices = file("prices.csv", "date,symbol,close\n2026-01-05,A,100\n" + endless);
        Path positions = file("pos.csv", "symbol,quantity\nA,1\n");
        CliRun[] runs = {
            refused("analytics", "pnl", "--trades", trades.toString(), "--marks", m.toString()),
            refused("ticks", "ingest", "--backend", "embedded", "--file", ticks.toString()),
            refused("feed", "book", "--feed", feed.toString(), "--out", dir.resolve("book.csv").toString()),
            refused("risk", "var", "--positions", positions.toString(), "--prices", prices.toString()),
        };
        String[] lines = {"t.csv line 2", "ticks.csv line 2", "feed.csv line 2", "prices.csv line 3"};
        for (int i = 0; i < runs.length; i++) {
            assertThat(runs[i].err.toString()).contains(lines[i], "longer than 1,048,576 characters").hasSizeLessThan(1_000);
        }
    }

    @Test
    void aWrongHeaderOrValueIsQuotedOnlyInPart() throws IOException {
        Path ticks = file("ticks.csv", "h".repeat(200_000) + "\n");
        assertThat(refused("ticks", "ingest", "--backend", "embedded", "--file", ticks.toString()).err.toString())
                .contains("ticks.csv line 1: expected the header", "hhhh... (200,000 characters)").hasSizeLessThan(1_000);
        Path m = file("m.csv", "symbol,mark_price\nA,100\n");
        Path trades = file("t.csv", "trade_id,timestamp,symbol,side,quantity,price,fee\n1,2026-01-05T10:00:00Z,A,"
                + "S".repeat(100_000) + ",1,1,0\n");
        assertThat(refused("analytics", "pnl", "--trades", trades.toString(), "--marks", m.toString()).err.toString())
                .contains("t.csv line 2: field 'side': expected BUY or SELL, got 'SSSS", "(100,000 characters)'")
                .hasSizeLessThan(1_000);
        Path orders = file("o.csv", "symbol,action,order_id,side,type,tif,price,qty\nA," + "N".repeat(100_000)
                + ",1,BUY,LIMIT,GTC,1,1\n");
        assertThat(refused("replay", "--orders", orders.toString()).err.toString())
                .contains("line 2", "field 'action'", "got 'NNNN", "(100,000 characters)'").hasSizeLessThan(1_000);
    }

    @Test
    void aTickPastTheLastRepresentableMicrosecondIsRefused() throws IOException {
        Path t = file("ticks.csv", "timestamp,symbol,bid,ask,bid_size,ask_size,last,last_size\n"
                + "+586524-01-19T08:01:50Z,ES,99.25,99.75,3,7,99.5,20\n");
        assertThat(refused("ticks", "ingest", "--backend", "embedded", "--file", t.toString()).err.toString())
                .contains("timestamp", "+586524-01-19T08:01:50Z", "past the last representable microsecond");
    }

    @Test
    void aPositionTooLargeToValueIsAnErrorNotNaN() throws IOException {
        Path pos = file("pos.csv", "symbol,quantity\nA,1e308\n");
        Path prices = file("prices.csv", "date,symbol,close\n2026-01-05,A,100\n2026-01-06,A,110\n2026-01-07,A,99\n2026-01-08,A,108.9\n");
        assertThat(refused("risk", "var", "--positions", pos.toString(), "--prices", prices.toString()).err.toString())
                .contains("position in A", "not finite");
    }

    @Test
    void aHugeInitialCapacityIsRefusedWithAMessage() throws IOException {
        Path orders = file("o.csv", "symbol,action,order_id,side,type,tif,price,qty\nA,NEW,1,BUY,LIMIT,GTC,1,1\n");
        CliRun r = new CliRun();
        assertThat(r.run("replay", "--orders", orders.toString(), "--initial-capacity", "2000000000")).isEqualTo(2);
        assertThat(r.err.toString()).contains("--initial-capacity must be from 1 to 16777216", "got 2000000000");
    }

    @Test
    void aSymbolWithAQuoteIsQuotedInTheTradesFileAsRfc4180Says() throws IOException {
        Path orders = file("o.csv", "symbol,action,order_id,side,type,tif,price,qty\n"
                + "A\"B,NEW,1,SELL,LIMIT,GTC,10,5\nA\"B,NEW,2,BUY,LIMIT,IOC,10,2\n");
        Path trades = dir.resolve("t.csv");
        CliRun r = new CliRun();
        assertThat(r.run("replay", "--orders", orders.toString(), "--trades-out", trades.toString())).as(r.err.toString()).isZero();
        assertThat(Files.readAllLines(trades)).containsExactly("trade_seq,symbol,taker_order_id,maker_order_id,price,qty",
                "1,\"A\"\"B\",2,1,10,2");
    }

    @Test
    void aMissingOutputDirectoryIsNamedAsTheUserGaveIt() throws IOException {
        Path orders = file("o.csv", "symbol,action,order_id,side,type,tif,price,qty\nA,NEW,1,BUY,LIMIT,GTC,1,1\n");
        Path out = dir.resolve("no-such-dir").resolve("t.csv");
        CliRun r = refused("replay", "--orders", orders.toString(), "--trades-out", out.toString());
        assertThat(r.err.toString()).contains("--trades-out " + out, "no-such-dir does not exist").doesNotContain(".part");
    }
}
