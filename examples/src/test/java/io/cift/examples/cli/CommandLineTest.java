package io.cift.examples.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class CommandLineTest {

    @TempDir
    Path dir;

    private final CliRun cli = new CliRun();
    private final StringWriter out = cli.out;
    private final StringWriter err = cli.err;

    private int run(String... args) {
        return cli.run(args);
    }

    @Test
    void helpListsTheCommands() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("demo", "replay");
    }

    @Test
    void noCommandIsAUsageError() {
        assertThat(run()).isEqualTo(2);
        assertThat(err.toString()).contains("a command is required");
    }

    @Test
    void demoPrintsTradesBookAndThroughput() {
        assertThat(run("demo", "--orders", "500", "--seed", "7")).isZero();
        assertThat(out.toString()).contains("Trades (", "Final L2 book", "Throughput", "P&L by trader")
                .containsPattern("\\d+ commands/s")
                .containsPattern("Served by: order book embedded \\(durable engine [0-9a-f-]{36}\\); events in-process"
                        + " \\(\\d+ published, 0 dropped, 0 duplicates\\);"
                        + " analytics embedded; cache in-process \\((\\d+) misses, \\1 hits, 0 bypassed\\);"
                        + " ticks embedded \\([1-9]\\d* bars\\)")
                .contains("1-minute bars of the session's trades", "bar_start,open,high,low,close,volume,vwap",
                        "2026-01-05T14:30:00Z,");
        // the bars hold every trade: their volumes add up to the session's traded volume
        java.util.regex.Matcher bar = java.util.regex.Pattern.compile("(?m)^  2026-01-05T[0-9:]+Z,[^,]+,[^,]+,[^,]+,[^,]+,(\\d+),")
                .matcher(out.toString());
        long barVolume = 0;
        while (bar.find()) {
            barVolume += Long.parseLong(bar.group(1));
        }
        java.util.regex.Matcher traded = java.util.regex.Pattern.compile("traded volume (\\d+)").matcher(out.toString());
        assertThat(traded.find()).isTrue();
        assertThat(barVolume).isPositive().isEqualTo(Long.parseLong(traded.group(1)));
    }

    @Test
    void demoRejectsBadOptionsNamingThem() {
        assertThat(run("demo", "--orders", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("--orders must be at least 1, got 0");
        assertThat(run("demo", "--orders", "1000001")).isEqualTo(2);   // refused at once, not after minutes and gigabytes
        assertThat(err.toString()).contains("--orders must be at most 1000000", "'cift replay' streams longer flows",
                "got 1000001");
    }

    @Test
    void replayWritesTradesAndSummary() throws IOException {
        Path orders = dir.resolve("o.csv");
        Files.writeString(orders, "symbol,action,order_id,side,type,tif,price,qty\n"
                + "S,NEW,1,SELL,LIMIT,GTC,10,2\nS,NEW,2,BUY,LIMIT,GTC,10,3\nS,CANCEL,9,,,,,\n");
        Path trades = dir.resolve("t.csv");
        assertThat(run("replay", "--orders", orders.toString(), "--trades-out", trades.toString())).isZero();
        assertThat(Files.readString(trades)).isEqualTo(
                "trade_seq,symbol,taker_order_id,maker_order_id,price,qty\n1,S,2,1,10,2\n");
        assertThat(err.toString()).containsPattern("commands\\s+3").containsPattern("trades\\s+1")
                .containsPattern("rejects\\s+1").containsPattern("volume\\s+2").contains("elapsed_ms", "commands_per_s");
    }

    @Test
    void malformedLineStopsTheRunNamingLineAndFieldAndLeavesNoTradesFile() throws IOException {
        Path orders = dir.resolve("bad.csv");
        Files.writeString(orders, "symbol,action,order_id,side,type,tif,price,qty\n"
                + "S,NEW,1,SELL,LIMIT,GTC,10,2\nS,NEW,2,BUY,LIMIT,GTC,10,3\nS,NEW,3,BUY,LIMIT,GTC,ten,3\n");
        Path trades = dir.resolve("t.csv");
        assertThat(run("replay", "--orders", orders.toString(), "--trades-out", trades.toString())).isEqualTo(1);
        assertThat(err.toString().strip()).isEqualTo("cift replay: line 4: field 'price': not an integer: 'ten'");
        assertThat(trades).doesNotExist();
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("bad.csv");
        }
    }

    @Test
    void missingFileIsOneLine() {
        assertThat(run("replay", "--orders", dir.resolve("nope.csv").toString())).isEqualTo(1);
        assertThat(err.toString()).startsWith("cift replay: no such file:").doesNotContain("Exception");
    }
}
