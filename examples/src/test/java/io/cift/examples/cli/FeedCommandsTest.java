package io.cift.examples.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** cift replay --feed-out and cift feed book, in-process. */
class FeedCommandsTest {

    @TempDir
    Path dir;

    /** The journal commands' flow, then an amend that moves order 4 to 101, ahead of order 3. */
    private static final String[] FLOW = java.util.stream.Stream.concat(java.util.Arrays.stream(JournalCommandsTest.FLOW),
            java.util.stream.Stream.of("AAPL,AMEND,4,,,,101,2")).toArray(String[]::new);

    private static final List<String> BOOK = List.of(
            "symbol,side,price,order_id,open_qty",
            "AAPL,BUY,101,4,2",
            "AAPL,BUY,100,3,4",
            "AAPL,BUY,99,2,4",
            "AAPL,SELL,102,6,5",
            "AAPL,SELL,103,5,4",
            "MSFT,SELL,101,1,10");

    private Path replay(String snapshotEvery) throws IOException {
        Path in = dir.resolve("orders.csv");
        Files.writeString(in, "symbol,action,order_id,side,type,tif,price,qty\n" + String.join("\n", FLOW) + "\n");
        Path feed = dir.resolve("feed.csv");
        CliRun r = new CliRun();
        assertThat(r.run("replay", "--orders", in.toString(), "--trades-out", dir.resolve("t.csv").toString(), "--feed-out",
                feed.toString(), "--feed-snapshot-every", snapshotEvery)).as(r.err.toString()).isZero();
        assertThat(r.err.toString()).contains("commands        12", "trades          2");
        return feed;
    }

    /** A finished command: its exit code and stderr. */
    private record Ran(int code, String err) {
    }

    private Ran book(Path feed, String... more) {
        CliRun b = new CliRun();
        List<String> args = new ArrayList<>(List.of("feed", "book", "--feed", feed.toString(), "--out",
                dir.resolve("book.csv").toString()));
        args.addAll(List.of(more));
        int code = b.run(args.toArray(String[]::new));
        return new Ran(code, b.err.toString());
    }

    @Test
    void theFeedOfAReplayRebuildsItsBook() throws Exception {
        Path feed = replay("5");
        List<String> lines = Files.readAllLines(feed);
        assertThat(lines.get(0)).isEqualTo("seq,type,symbol,order_id,side,price,quantity,position,trade_id,priority_kept");
        assertThat(lines).contains(
                "1,ADD,MSFT,1,SELL,101,10,1,,",
                "14,EXECUTE,AAPL,3,,100,3,,1,",
                "4,ADD,AAPL,4,BUY,100,2,2,,");
        assertThat(lines).anyMatch(l -> l.matches("\\d+,SNAPSHOT_START,,,,,\\d+,,,"));
        assertThat(lines.stream().filter(l -> l.contains(",REPLACE,AAPL,2,,99,4,,,true")).count()).isEqualTo(1);
        assertThat(lines.stream().filter(l -> l.contains(",REPLACE,AAPL,4,,101,2,,,false")).count()).isEqualTo(1);
        assertThat(lines.stream().filter(l -> l.contains(",DELETE,MSFT,8,")).count()).isEqualTo(1);
        for (int i = 1; i < lines.size(); i++) {
            assertThat(lines.get(i)).as("first column: the sequence number").startsWith(i + ",");
        }
        Ran b = book(feed);
        assertThat(b.code()).as(b.err()).isZero();
        assertThat(Files.readAllLines(dir.resolve("book.csv"))).isEqualTo(BOOK);
        assertThat(b.err()).contains("gaps      0");
    }

    @Test
    void aGapIsNamedAndHealedByTheNextSnapshotAndIsAnErrorWhenStrict() throws Exception {
        Path feed = replay("10");
        List<String> lines = new ArrayList<>(Files.readAllLines(feed));
        int start = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(",SNAPSHOT_START,")) {
                start = i;
            }
        }
        assertThat(start).isGreaterThan(4);
        lines.remove(3);                     // message 3 lost, before the snapshot
        Files.write(feed, lines);
        Ran lenient = book(feed);
        assertThat(lenient.code()).as(lenient.err()).isZero();
        assertThat(lenient.err()).contains("gap: messages 3 missing (next message is 4)");
        assertThat(Files.readAllLines(dir.resolve("book.csv"))).isEqualTo(BOOK);

        Ran strict = book(feed, "--strict");
        assertThat(strict.code()).isEqualTo(1);
        assertThat(strict.err()).contains("messages 3 missing").contains("--strict");

        int end = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(",SNAPSHOT_END,")) {
                end = i;
            }
        }
        lines.remove(end);                   // the snapshot's end lost too: nothing heals the gap
        Files.write(feed, lines);
        Ran unhealed = book(feed);
        assertThat(unhealed.code()).isEqualTo(1);
        assertThat(unhealed.err()).contains("ends before a snapshot healed its gap");
    }

    @Test
    void feedOptionsAreChecked() throws Exception {
        Path in = dir.resolve("orders.csv");
        Files.writeString(in, "symbol,action,order_id,side,type,tif,price,qty\n" + FLOW[0] + "\n");
        CliRun a = new CliRun();
        assertThat(a.run("replay", "--orders", in.toString(), "--feed-snapshot-every", "5")).isEqualTo(2);
        assertThat(a.err.toString()).contains("--feed-snapshot-every needs --feed-out");
        CliRun c = new CliRun();
        assertThat(c.run("replay", "--orders", in.toString(), "--feed-out", dir.resolve("f.csv").toString(),
                "--feed-snapshot-every", "-1")).isEqualTo(2);
        assertThat(c.err.toString()).contains("--feed-snapshot-every must not be negative, got -1");
        Files.writeString(dir.resolve("bad.csv"), "seq,type,symbol,order_id,side,price,quantity,position,trade_id,priority_kept\n"
                + "1,ADD,AAPL,1,BUY,ten,5,1,,\n");
        Ran d = book(dir.resolve("bad.csv"));
        assertThat(d.code()).isEqualTo(1);
        assertThat(d.err()).contains("feed line 2: price must be a whole number, got 'ten'");
        assertThat(dir.resolve("book.csv")).doesNotExist();
    }
}
