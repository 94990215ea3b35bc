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

    @Test
    void httpCredentialsComeInPairsOrAsATokenAndAreNeverShown() {
        QuestDbConfig c = QuestDbConfig.fromUrl("http://q:9000?http_user=w&http_password=s%3Dcret").build();
        assertThat(c.httpUser()).isEqualTo("w");
        assertThat(c.httpPassword()).isEqualTo("s=cret");
        assertThat(c.toString()).doesNotContain("cret");
        assertThat(QuestDbConfig.fromUrl("http://q:9000?http_token=t0k").build().httpToken()).isEqualTo("t0k");
        assertThatThrownBy(() -> QuestDbConfig.fromUrl("http://q:9000?http_password=s3cret"))
                .hasMessageContaining("only the password").hasMessageNotContaining("s3cret");
        assertThatThrownBy(() -> QuestDbConfig.builder().httpUser("w").build()).hasMessageContaining("only the user");
        assertThatThrownBy(() -> QuestDbConfig.builder().httpUser("w").httpPassword("p").httpToken("t").build())
                .hasMessageContaining("not both");
    }
}
