package io.cift.examples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** cift replay --journal, cift journal info and cift journal book, in-process. */
class JournalCommandsTest {

    @TempDir
    Path dir;

    private Path orders(String... lines) throws IOException {
        Path p = dir.resolve("orders.csv");
        Files.writeString(p, "symbol,action,order_id,side,type,tif,price,qty\n" + String.join("\n", lines) + "\n");
        return p;
    }

    /** Two symbols, resting orders, trades, an amend that keeps priority, a cancel and a market order. */
    static final String[] FLOW = {
        "MSFT,NEW,1,SELL,LIMIT,GTC,101,10",
        "AAPL,NEW,2,BUY,LIMIT,GTC,99,5",
        "AAPL,NEW,3,BUY,LIMIT,GTC,100,7",
        "AAPL,NEW,4,BUY,LIMIT,GTC,100,2",
        "AAPL,NEW,5,SELL,LIMIT,GTC,103,4",
        "AAPL,NEW,6,SELL,LIMIT,GTC,102,6",
        "AAPL,NEW,7,SELL,LIMIT,IOC,100,3",     // trades 3 with order 3
        "MSFT,NEW,8,BUY,LIMIT,GTC,100,1",
        "AAPL,AMEND,2,,,,99,4",
        "MSFT,CANCEL,8,,,,,",
        "AAPL,NEW,9,BUY,MARKET,IOC,,1",        // trades 1 with order 6
    };

    @Test
    void infoAndBookDescribeWhatTheJournalHolds() throws Exception {
        Path in = orders(FLOW);
        Path journal = dir.resolve("j");
        CliRun replay = new CliRun();
        assertThat(replay.run("replay", "--orders", in.toString(), "--trades-out", dir.resolve("t.csv").toString(),
                "--journal", journal.toString(), "--snapshot-every", "4")).as(replay.err.toString()).isZero();
        assertThat(replay.err.toString()).contains("commands        11", "trades          2", "resumed_from    0");
        assertThat(Files.readAllLines(dir.resolve("t.csv"))).containsExactly(
                "trade_seq,symbol,taker_order_id,maker_order_id,price,qty", "1,AAPL,7,3,100,3", "2,AAPL,9,6,102,1");

        CliRun info = new CliRun();
        assertThat(info.run("journal", "info", "--journal", journal.toString(), "--json")).as(info.err.toString()).isZero();
        JsonNode j = new ObjectMapper().readTree(info.out.toString());
        assertThat(j.get("commands").asLong()).isEqualTo(11);
        assertThat(j.get("snapshots").asLong()).isEqualTo(2);   // at 4 and 8
        assertThat(j.get("bytes").asLong()).isPositive();
        assertThat(j.get("newest_snapshot").asLong()).isEqualTo(8);
        assertThat(j.get("unreadable_tail_bytes").asLong()).isZero();
        assertThat(j.get("engine_id").asText()).hasSize(36);
        CliRun text = new CliRun();
        assertThat(text.run("journal", "info", "--journal", journal.toString())).isZero();
        assertThat(text.out.toString()).containsPattern("(?m)^commands +11$").containsPattern("(?m)^snapshots +2$");

        Path book = dir.resolve("book.csv");
        CliRun b = new CliRun();
        assertThat(b.run("journal", "book", "--journal", journal.toString(), "--out", book.toString())).as(b.err.toString()).isZero();
        // symbols sorted, BUY before SELL, best price first, time priority within a price
        assertThat(Files.readAllLines(book)).containsExactly(
                "symbol,side,price,order_id,open_qty",
                "AAPL,BUY,100,3,4",
                "AAPL,BUY,100,4,2",
                "AAPL,BUY,99,2,4",
                "AAPL,SELL,102,6,5",
                "AAPL,SELL,103,5,4",
                "MSFT,SELL,101,1,10");
        assertThat(b.err.toString()).doesNotContain("skipped", "ignored");

        // a damaged newest snapshot and a damaged last record: the book is the rest's, and stderr says what was not used
        Path snap = journal.resolve(String.format("snapshot-%020d.snap", 8));
        byte[] s = Files.readAllBytes(snap);
        s[20] ^= 1;
        Files.write(snap, s);
        Path segment;
        try (var list = Files.list(journal)) {
            segment = list.filter(f -> f.getFileName().toString().endsWith(".seg")).sorted().findFirst().orElseThrow();
        }
        byte[] seg = Files.readAllBytes(segment);   // preallocated: the records, then zeros
        int end = seg.length - 1;
        while (seg[end] == 0) {
            end--;
        }
        seg[end - 1] ^= 0x55;   // inside the last record
        Files.write(segment, seg);
        CliRun damaged = new CliRun();
        assertThat(damaged.run("journal", "book", "--journal", journal.toString(), "--out", book.toString()))
                .as(damaged.err.toString()).isZero();
        assertThat(damaged.err.toString()).contains("commands  10")
                .containsPattern("(?m)^skipped   snapshot-0+8\\.snap: damaged")
                .containsPattern("(?m)^ignored   segment " + segment.getFileName());
        assertThat(Files.readAllLines(book)).as("without the market order that traded 1 with order 6")
                .contains("AAPL,SELL,102,6,6");
    }

    @Test
    void aJournalForAnotherFileIsRefusedAndAFinishedRunResumesToTheSameTrades() throws Exception {
        Path in = orders(FLOW);
        Path journal = dir.resolve("j");
        Path trades = dir.resolve("t.csv");
        CliRun first = new CliRun();
        assertThat(first.run("replay", "--orders", in.toString(), "--trades-out", trades.toString(), "--journal",
                journal.toString())).as(first.err.toString()).isZero();
        byte[] expected = Files.readAllBytes(trades);
        // the same command again: everything is journaled already; nothing changes
        CliRun again = new CliRun();
        assertThat(again.run("replay", "--orders", in.toString(), "--trades-out", trades.toString(), "--journal",
                journal.toString())).as(again.err.toString()).isZero();
        assertThat(again.err.toString()).contains("resumed_from    11", "commands        11", "trades          2");
        assertThat(Files.readAllBytes(trades)).isEqualTo(expected);
        // a lost trades file is rebuilt from the journal
        Files.delete(trades);
        assertThat(new CliRun().run("replay", "--orders", in.toString(), "--trades-out", trades.toString(), "--journal",
                journal.toString())).isZero();
        assertThat(Files.readAllBytes(trades)).isEqualTo(expected);

        String[] changed = FLOW.clone();
        changed[4] = "AAPL,NEW,5,SELL,LIMIT,GTC,104,4";
        Path other = orders(changed);
        CliRun mismatch = new CliRun();
        assertThat(mismatch.run("replay", "--orders", other.toString(), "--trades-out", trades.toString(), "--journal",
                journal.toString())).isEqualTo(1);
        assertThat(mismatch.err.toString()).contains("line 6", "does not match the order file", "command 5",
                "NEW AAPL 5 SELL LIMIT GTC 103 4");
        Path shorter = orders(List.of(FLOW).subList(0, 5).toArray(new String[0]));
        CliRun tooShort = new CliRun();
        assertThat(tooShort.run("replay", "--orders", shorter.toString(), "--journal", journal.toString())).isEqualTo(1);
        assertThat(tooShort.err.toString()).contains("more commands than the order file");
        assertThat(Files.readAllBytes(trades)).as("a refused run changes nothing").isEqualTo(expected);
    }

    @Test
    void badOptionsAreRefused() {
        CliRun r = new CliRun();
        assertThat(r.run("replay", "--orders", "x.csv", "--fsync", "always", "--journal", dir.resolve("j").toString()))
                .isNotZero();
        assertThat(r.err.toString()).contains("--fsync must be batch, interval or none, got 'always'");
        CliRun s = new CliRun();
        assertThat(s.run("replay", "--orders", "x.csv", "--snapshot-every", "5")).isEqualTo(2);
        assertThat(s.err.toString()).contains("--snapshot-every and --fsync need --journal");
        CliRun i = new CliRun();
        assertThat(i.run("journal", "info", "--journal", dir.resolve("none").toString())).isEqualTo(1);
        assertThat(i.err.toString()).contains("no journal directory");
    }
}
