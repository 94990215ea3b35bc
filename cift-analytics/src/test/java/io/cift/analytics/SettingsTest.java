package io.cift.analytics;

import io.cift.analytics.ticks.QuestDbConfig;
import io.cift.core.config.CiftSettings;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Routing and QuestDB configured from {@code cift.*} settings, the file over the environment. */
class SettingsTest {

    @Test
    void routingReadsItsKeysFromTheFileAndTheEnvironment() {
        Properties file = new Properties();
        file.setProperty("cift.postgres.url", "jdbc:postgresql://db:5432/x");
        file.setProperty("cift.pool.size", "3");
        RoutingConfig c = RoutingConfig.fromSettings(CiftSettings.of(file, Map.of("CIFT_POOL_SIZE", "12",
                "CIFT_CLICKHOUSE_URL", "jdbc:clickhouse://ch:8123/y", "CIFT_SYNC_INTERVAL_MS", "0",
                "CIFT_FALLBACK_EMBEDDED", "TRUE"))).build();
        assertThat(c.postgresUrl()).isEqualTo("jdbc:postgresql://db:5432/x");
        assertThat(c.clickhouseUrl()).isEqualTo("jdbc:clickhouse://ch:8123/y");
        assertThat(c.poolSize()).isEqualTo(3);
        assertThat(c.syncInterval()).isEqualTo(Duration.ZERO);
        assertThat(c.embeddedFallback()).isTrue();
        assertThat(c.clickhouseDriver()).isNull();
        assertThat(c.clickhouseCluster()).as("one server unless a cluster is named").isNull();
        assertThat(RoutingConfig.fromSettings(CiftSettings.of(new Properties(), Map.of("CIFT_CLICKHOUSE_CLUSTER", "shards_eu")))
                .build().clickhouseCluster()).isEqualTo("shards_eu");
        assertThatThrownBy(() -> RoutingConfig.fromSettings(CiftSettings.of(new Properties(),
                Map.of("CIFT_CLICKHOUSE_CLUSTER", "eu west"))).build())
                .hasMessageContaining("cift.clickhouse.cluster").hasMessageContaining("'eu west'");
        assertThatThrownBy(() -> RoutingConfig.fromSettings(CiftSettings.of(new Properties(),
                Map.of("CIFT_POOL_SIZE", "0"))).build()).hasMessageContaining("poolSize must be at least 1, got 0");
    }

    @Test
    void questDbStartsFromItsUrlAndTheOtherKeysOverrideIt() {
        Properties file = new Properties();
        file.setProperty("cift.questdb.url", "http://qdb:9100?pg_port=8900&table=from_url");
        file.setProperty("cift.questdb.table", "ticks_eu");
        QuestDbConfig c = QuestDbConfig.fromSettings(CiftSettings.of(file, Map.of("CIFT_QUESTDB_HTTP_TOKEN", "tok",
                "CIFT_QUESTDB_READ_POOL_SIZE", "3"))).build();
        assertThat(c.host()).isEqualTo("qdb");
        assertThat(c.httpPort()).isEqualTo(9100);
        assertThat(c.pgPort()).isEqualTo(8900);
        assertThat(c.table()).isEqualTo("ticks_eu");
        assertThat(c.httpToken()).isEqualTo("tok");
        assertThat(c.readPoolSize()).isEqualTo(3);
        assertThat(QuestDbConfig.fromSettings(CiftSettings.empty()).build().httpPort()).isEqualTo(QuestDbConfig.DEFAULT_HTTP_PORT);
    }
}
