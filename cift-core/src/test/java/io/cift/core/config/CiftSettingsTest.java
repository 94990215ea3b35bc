package io.cift.core.config;

import io.cift.core.book.MatchingEngineConfig;
import io.cift.core.book.SelfTradePrevention;
import io.cift.core.journal.DurableEngineConfig;
import io.cift.core.journal.FsyncPolicy;
import io.cift.core.journal.LagPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CiftSettingsTest {

    @TempDir
    Path dir;

    private static Properties props(String... kv) {
        Properties p = new Properties();
        for (int i = 0; i < kv.length; i += 2) {
            p.setProperty(kv[i], kv[i + 1]);
        }
        return p;
    }

    @Test
    void explicitBeatsTheFileWhichBeatsTheEnvironment() {
        CiftSettings s = CiftSettings.of(props("cift.pool.size", "4", "cift.nats.url", "nats://file:1"),
                Map.of("CIFT_POOL_SIZE", "9", "CIFT_SYNC_INTERVAL_MS", "250", "CIFT_NATS_SUBJECT_PREFIX", "env.prefix"));
        assertThat(s.getInt("cift.pool.size")).hasValue(4);                      // file over environment
        assertThat(s.getMillis("cift.sync.interval.ms")).hasValue(Duration.ofMillis(250));   // environment only
        assertThat(s.get("cift.nats.subject-prefix")).hasValue("env.prefix");     // '-' becomes '_' too
        assertThat(s.with("cift.pool.size", "2").getInt("cift.pool.size")).hasValue(2);      // explicit over file
        assertThat(s.get("cift.unset")).isEmpty();
        assertThat(CiftSettings.envName("cift.questdb.http-token")).isEqualTo("CIFT_QUESTDB_HTTP_TOKEN");
    }

    @Test
    void aValueThatDoesNotParseNamesItsKeySourceAndValueButNeverASecret() {
        CiftSettings s = CiftSettings.of(props("cift.pool.size", "many"),
                Map.of("CIFT_JOURNAL_FSYNC", "sometimes", "CIFT_QUESTDB_PASSWORD_RETRIES", "hunter2"));
        assertThatThrownBy(() -> s.getInt("cift.pool.size"))
                .hasMessage("cift.pool.size (from properties) must be a whole number, got 'many'");
        assertThatThrownBy(() -> s.getEnum("cift.journal.fsync", FsyncPolicy.class))
                .hasMessage("cift.journal.fsync (from the environment variable CIFT_JOURNAL_FSYNC) must be one of"
                        + " batch, interval, none, got 'sometimes'");
        assertThatThrownBy(() -> s.getInt("cift.questdb.password.retries")).hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> s.with("x.y", "1")).hasMessageContaining("settings keys start with 'cift.'");
    }

    @Test
    void aFileIsReadAndAMissingOneIsNamed() throws Exception {
        Path f = dir.resolve("cift.properties");
        Files.writeString(f, "cift.engine.symbols = AAPL, MSFT\ncift.engine.self-trade-prevention=cancel-resting\n"
                + "cift.engine.max-symbols=250\n");
        CiftSettings s = CiftSettings.load(f);
        MatchingEngineConfig c = MatchingEngineConfig.fromSettings(s).build();
        assertThat(c.symbols()).containsExactlyInAnyOrder("AAPL", "MSFT");
        assertThat(c.maxSymbols()).isEqualTo(250);
        assertThat(c.selfTradePrevention()).isEqualTo(SelfTradePrevention.CANCEL_RESTING);
        assertThatThrownBy(() -> CiftSettings.load(dir.resolve("none.properties")))
                .hasMessageContaining("cannot read the settings file " + dir.resolve("none.properties"));
    }

    @Test
    void theJournalIsConfiguredFromSettings() {
        CiftSettings s = CiftSettings.of(props("cift.journal.dir", dir.toString(), "cift.journal.fsync", "interval",
                "cift.journal.fsync-interval.ms", "5", "cift.journal.writer-gather.us", "120", "cift.journal.snapshot-every", "1000",
                "cift.journal.lag-policy", "reject", "cift.engine.symbols", "X"), Map.of());
        DurableEngineConfig c = DurableEngineConfig.fromSettings(s).build();
        assertThat(c.directory()).isEqualTo(dir);
        assertThat(c.fsync()).isEqualTo(FsyncPolicy.INTERVAL);
        assertThat(c.fsyncInterval()).isEqualTo(Duration.ofMillis(5));
        assertThat(c.writerGather()).isEqualTo(Duration.ofNanos(120_000));
        assertThat(DurableEngineConfig.fromSettings(CiftSettings.of(props("cift.journal.dir", dir.toString()), Map.of()))
                .build().writerGather()).isEqualTo(DurableEngineConfig.DEFAULT_WRITER_GATHER);
        assertThatThrownBy(() -> DurableEngineConfig.fromSettings(CiftSettings.of(props("cift.journal.dir", dir.toString(),
                "cift.journal.writer-gather.us", "10001"), Map.of()))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cift.journal.writer-gather.us").hasMessageContaining("10001");
        assertThatThrownBy(() -> DurableEngineConfig.builder(dir).writerGather(Duration.ofNanos(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("writerGather");
        assertThat(c.snapshotEvery()).isEqualTo(1000);
        assertThat(c.lagPolicy()).isEqualTo(LagPolicy.REJECT);
        assertThat(c.engine().symbols()).containsExactly("X");
        assertThatThrownBy(() -> DurableEngineConfig.fromSettings(CiftSettings.empty()))
                .hasMessageContaining("cift.journal.dir is required");
    }
}
