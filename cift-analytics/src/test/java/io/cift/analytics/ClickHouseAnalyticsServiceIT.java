package io.cift.analytics;


import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract against a real ClickHouse 18.16, each test in a fresh database, through a pool that picks
 * the driver by the server's version (the legacy one here); {@link CurrentClickHouseAnalyticsServiceIT}
 * runs it on the current engine.
 */
class ClickHouseAnalyticsServiceIT extends AnalyticsServiceContractTest {

    /** @return the engine this class tests */
    TestServers.ClickHouseEngine engine() {
        return TestServers.ClickHouseEngine.LEGACY;
    }

    /** @return the driver class the pool must have picked */
    String expectedDriverPackage() {
        return "ru.yandex.clickhouse";
    }

    /** @return the schema variant migrations must have recorded */
    String expectedVariant() {
        return "legacy";
    }

    @Override
    protected AnalyticsService newService() {
        String base = TestServers.clickhouseUrl(engine());
        String db = "cift_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (PooledDataSource admin = AnalyticsBackends.pooled(base, null, 1, Duration.ofSeconds(5));
             Connection c = admin.getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + db);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        String url = base.replace("/default", "/" + db);
        PooledDataSource ds = AnalyticsBackends.pooled(url, null, 4, Duration.ofSeconds(5));
        AnalyticsService s = AnalyticsBackends.clickhouse(ds, url);
        assertThat(AnalyticsBackends.migrate(s)).isEqualTo(1);
        assertThat(AnalyticsBackends.migrate(s)).as("safe to run twice").isZero();
        try (Connection c = ds.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT variant FROM cift_schema_version WHERE version = 1")) {
            assertThat(c.unwrap(Connection.class).getClass().getName()).as("driver picked by the server's version")
                    .startsWith(expectedDriverPackage());
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).as("DDL variant recorded").isEqualTo(expectedVariant());
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return new ClosingService(s, () -> {
            try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
                st.execute("DROP DATABASE " + db);
            } catch (Exception ignored) {
                // best effort
            }
            ds.close();
        });
    }

    @Override
    protected String expectedBackend() {
        return "clickhouse";
    }
}
