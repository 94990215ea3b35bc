package io.cift.analytics.internal;

import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClickHouseDriversTest {

    @Test
    void serversBefore20Point7NeedTheLegacyDriver() {
        assertThat(ClickHouseDrivers.needsLegacy("18.16.1")).isTrue();
        assertThat(ClickHouseDrivers.needsLegacy("20.6.9.1")).isTrue();
        assertThat(ClickHouseDrivers.needsLegacy("19.17.4.11")).isTrue();
        assertThat(ClickHouseDrivers.needsLegacy("20.7.1")).isFalse();
        assertThat(ClickHouseDrivers.needsLegacy("20.10.3.30")).isFalse();
        assertThat(ClickHouseDrivers.needsLegacy("26.5.1.1")).isFalse();
        assertThat(ClickHouseDrivers.needsLegacy("24.8.4.13\n")).isFalse();
    }

    @Test
    void theEndpointComesFromEveryUrlShapeTheDriversTake() {
        assertThat(ClickHouseDrivers.endpoint("jdbc:clickhouse://10.0.0.5:18123/db?compress=false").http())
                .hasToString("http://10.0.0.5:18123/");
        assertThat(ClickHouseDrivers.endpoint("jdbc:ch://host/db").http()).hasToString("http://host:8123/");
        assertThat(ClickHouseDrivers.endpoint("jdbc:clickhouse:https://host/db").http()).hasToString("https://host:8443/");
        assertThat(ClickHouseDrivers.endpoint("jdbc:clickhouse://host:9440/db?ssl=true").http()).hasToString("https://host:9440/");
        ClickHouseDrivers.Endpoint e = ClickHouseDrivers.endpoint("jdbc:clickhouse://h:1/db?user=ana&password=p%26ss");
        assertThat(e.user()).isEqualTo("ana");
        assertThat(e.password()).isEqualTo("p&ss");
        assertThatThrownBy(() -> ClickHouseDrivers.endpoint("jdbc:clickhouse:host:1/db?password=secret"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("jdbc:clickhouse://host:port/database")
                .hasMessageNotContaining("secret");
    }

    @Test
    void theLegacyDriverGetsCompressionOffAndSynchronousDistributedInsertsUnlessTheUrlSaysOtherwise() {
        assertThat(ClickHouseDrivers.legacyUrl("jdbc:clickhouse://h:1/db"))
                .isEqualTo("jdbc:clickhouse://h:1/db?compress=false&insert_distributed_sync=1");
        assertThat(ClickHouseDrivers.legacyUrl("jdbc:clickhouse://h:1/db?user=a"))
                .isEqualTo("jdbc:clickhouse://h:1/db?user=a&compress=false&insert_distributed_sync=1");
        assertThat(ClickHouseDrivers.legacyUrl("jdbc:clickhouse://h:1/db?compress=true&insert_distributed_sync=0"))
                .isEqualTo("jdbc:clickhouse://h:1/db?compress=true&insert_distributed_sync=0");
    }

    @Test
    void theCurrentDriverGetsSynchronousDistributedInsertsAsAServerSettingUnlessTheUrlSaysOtherwise() {
        assertThat(ClickHouseDrivers.currentUrl("jdbc:clickhouse://h:1/db"))
                .isEqualTo("jdbc:clickhouse://h:1/db?clickhouse_setting_insert_distributed_sync=1");
        assertThat(ClickHouseDrivers.currentUrl("jdbc:clickhouse://h:1/db?clickhouse_setting_insert_distributed_sync=0"))
                .isEqualTo("jdbc:clickhouse://h:1/db?clickhouse_setting_insert_distributed_sync=0");
    }

    @Test
    void aServerThatDoesNotAnswerIsTransientAndAMissingDriverIsNamed() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        int closed = port;
        assertThatThrownBy(() -> ClickHouseDrivers.serverVersion("jdbc:clickhouse://127.0.0.1:" + closed + "/default",
                Duration.ofMillis(500))).isInstanceOf(SQLTransientConnectionException.class)
                .hasMessageContaining("127.0.0.1:" + closed);
        assertThatThrownBy(() -> ClickHouseDrivers.driver("no.such.Driver", "18.16.1", java.net.URI.create("http://h:1/")))
                .isInstanceOf(SQLNonTransientConnectionException.class)
                .hasMessageContaining("ClickHouse 18.16.1 at http://h:1/ needs the driver no.such.Driver");
        // a pool over a server that is down builds, and its connection attempts fail as transient ones
        javax.sql.DataSource ds = ClickHouseDrivers.dataSource("jdbc:clickhouse://127.0.0.1:" + closed + "/default",
                Duration.ofMillis(500));
        assertThatThrownBy(ds::getConnection).isInstanceOf(SQLException.class)
                .satisfies(t -> assertThat(io.cift.core.internal.Failures.isTransient(t)).isTrue());
    }
}
