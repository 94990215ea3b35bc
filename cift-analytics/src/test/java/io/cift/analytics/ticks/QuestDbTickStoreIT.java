package io.cift.analytics.ticks;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tick store contract on a real QuestDB server (in-process, loopback), one table per test, and what
 * only QuestDB does: deduplication of resent ticks on their writer sequence.
 */
class QuestDbTickStoreIT extends TickStoreContractTest {

    private static final AtomicInteger TABLES = new AtomicInteger();

    @RegisterExtension
    static final QuestDbTestServer server = QuestDbTestServer.perClass();

    @Override
    protected TickStore open() {
        return TickStore.questDb(server.config("ticks_" + TABLES.incrementAndGet()).build());
    }

    private static final long T0 = 1_767_600_000_000_000L;

    @Test
    void aBatchSentAgainIsStoredOnceAndTicksSharingAMicrosecondAreAllKept() {
        String table = "dedup_" + TABLES.incrementAndGet();
        List<Tick> batch = List.of(Tick.trade("A", T0, 10, 1), Tick.trade("A", T0, 10.5, 2), Tick.trade("A", T0, 10, 1),
                Tick.trade("B", T0, 20, 1), Tick.trade("A", T0 + 1, 11, 1));
        try (TickStore s = TickStore.questDb(server.config(table).build())) {
            s.write(batch);
            s.write(batch);          // a caller retrying after a failure it could not tell from a loss
            s.write(Tick.trade("A", T0, 10, 1));     // streamed: a distinct tick, though equal in content
            s.flush();
            List<Tick> a = s.ticks("A", Instant.EPOCH, Instant.ofEpochSecond(4_000_000_000L));
            assertThat(a).as("the batch once (its two equal ticks both), plus the streamed one").hasSize(5);
            assertThat(a.stream().filter(t -> t.timestampMicros() == T0)).hasSize(4);
            assertThat(s.ticks("B", Instant.EPOCH, Instant.ofEpochSecond(4_000_000_000L))).hasSize(1);
        }
    }

    @Test
    void aTableFromBeforeWriterSequencesIsUpgraded() throws Exception {
        String table = "old_" + TABLES.incrementAndGet();
        try (Connection c = DriverManager.getConnection(server.jdbcUrl()); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE " + table + " (symbol SYMBOL, bid DOUBLE, ask DOUBLE, bid_size DOUBLE,"
                    + " ask_size DOUBLE, last DOUBLE, last_size DOUBLE, timestamp TIMESTAMP)"
                    + " TIMESTAMP(timestamp) PARTITION BY DAY WAL");
        }
        List<Tick> batch = List.of(Tick.trade("A", T0, 10, 1), Tick.trade("A", T0 + 5, 11, 1));
        try (TickStore s = TickStore.questDb(server.config(table).build())) {
            s.write(batch);
            s.write(batch);
            assertThat(s.ticks("A", Instant.EPOCH, Instant.ofEpochSecond(4_000_000_000L))).hasSize(2);
        }
        try (Connection c = DriverManager.getConnection(server.jdbcUrl()); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT dedup FROM tables() WHERE table_name = '" + table + "'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getBoolean(1)).isTrue();
        }
    }
}
