package io.cift.examples.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Servers that cannot be reached, named by URLs with passwords: the messages never show the passwords. */
class NoPasswordPrintedTest {

    @TempDir
    Path dir;

    @Test
    void theDemoDoesNotPrintTheNatsPassword() {
        CliRun r = new CliRun();
        assertThat(r.run("demo", "--orders", "10", "--nats", "nats://trader:n4ts-s3cret@127.0.0.1:1")).isEqualTo(1);
        assertThat(r.err.toString()).contains("127.0.0.1:1").doesNotContain("n4ts-s3cret");
        assertThat(r.out.toString()).doesNotContain("n4ts-s3cret");
    }

    @Test
    void theTicksCommandDoesNotPrintTheQuestDbPassword() throws Exception {
        Path cfg = dir.resolve("c.properties");
        Files.writeString(cfg, "cift.questdb.url=http://127.0.0.1:1/?pg_port=2&password=qdb-s3cret&bogus=1\n");
        Path ticks = dir.resolve("t.csv");
        Files.writeString(ticks, "timestamp,symbol,bid,ask,bid_size,ask_size,last,last_size\n2024-03-01T09:30:00Z,ES,1,2,1,1,1.5,1\n");
        CliRun r = new CliRun();
        assertThat(r.run("ticks", "ingest", "--file", ticks.toString(), "--config", cfg.toString())).isNotZero();
        assertThat(r.err.toString()).contains("bogus").doesNotContain("qdb-s3cret");
    }
}
