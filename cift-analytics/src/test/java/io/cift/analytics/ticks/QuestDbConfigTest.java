package io.cift.analytics.ticks;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QuestDbConfigTest {

    @Test
    void readsAUrlAndKeepsDefaultsForWhatItLeavesOut() {
        QuestDbConfig c = QuestDbConfig.fromUrl("http://db.example:19000?pg_port=18812&table=md&user=u&password=p%26w").build();
        assertThat(c.host()).isEqualTo("db.example");
        assertThat(c.httpPort()).isEqualTo(19000);
        assertThat(c.pgPort()).isEqualTo(18812);
        assertThat(c.table()).isEqualTo("md");
        assertThat(c.user()).isEqualTo("u");
        assertThat(c.password()).isEqualTo("p&w");
        assertThat(c.toString()).doesNotContain("p&w");
        QuestDbConfig d = QuestDbConfig.fromUrl(QuestDbConfig.DEFAULT_URL).build();
        assertThat(d.httpPort()).isEqualTo(9000);
        assertThat(d.pgPort()).isEqualTo(8812);
        assertThat(d.table()).isEqualTo("ticks");
        assertThat(d.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:8812/qdb");
    }

    @Test
    void refusesBadValuesNamingThem() {
        assertThatThrownBy(() -> QuestDbConfig.fromUrl("tcp://x:1")).hasMessageContaining("'tcp://x:1'");
        assertThatThrownBy(() -> QuestDbConfig.fromUrl("http://x:1?pgport=1")).hasMessageContaining("unknown parameter 'pgport'");
        assertThatThrownBy(() -> QuestDbConfig.fromUrl("http://x:1?pg_port=abc")).hasMessageContaining("pg_port must be a number");
        assertThatThrownBy(() -> QuestDbConfig.builder().table("ticks; DROP TABLE x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("table: ");
        assertThatThrownBy(() -> QuestDbConfig.builder().httpPort(0)).hasMessage("httpPort: must be a port between 1 and 65535, got 0");
        assertThatThrownBy(() -> QuestDbConfig.builder().autoFlushRows(0)).hasMessageStartingWith("autoFlushRows: ");
        assertThatThrownBy(() -> QuestDbConfig.builder().retryTimeout(Duration.ofMillis(-1))).hasMessageStartingWith("retryTimeout: ");
        assertThatThrownBy(() -> QuestDbConfig.builder().maxBufferBytes(1024)).hasMessageStartingWith("maxBufferBytes: ");
    }
}
