package io.cift.analytics;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract against a real PostgreSQL, each test in a fresh schema: PostgreSQL 15 from Debian 12
 * (bookworm), in a container or the services.sh server; {@link PostgresTrixieAnalyticsServiceIT} runs it
 * on Debian 13's PostgreSQL 17.
 */
class PostgresAnalyticsServiceIT extends AnalyticsServiceContractTest {

    private PooledDataSource ds;
    private String schema;

    /** @return the server's JDBC URL */
    protected String baseUrl() {
        return TestServers.postgresUrl();
    }

    @Override
    protected AnalyticsService newService() {
        String base = baseUrl();
        schema = "cift_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (PooledDataSource admin = AnalyticsBackends.pooled(base, null, 1, Duration.ofSeconds(5));
             Connection c = admin.getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA " + schema);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        String url = base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        ds = AnalyticsBackends.pooled(url, null, 4, Duration.ofSeconds(5));
        AnalyticsService s = AnalyticsBackends.postgres(ds, url);
        assertThat(AnalyticsBackends.migrate(s)).isEqualTo(2);
        assertThat(AnalyticsBackends.migrate(s)).as("safe to run twice").isZero();
        return new ClosingService(s, () -> {
            try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
                st.execute("DROP SCHEMA " + schema + " CASCADE");
            } catch (Exception ignored) {
                // best effort
            }
            ds.close();
        });
    }

    @Override
    protected String expectedBackend() {
        return "postgresql";
    }

    @Test
    void userIdsWithQuotesAndCommentsAreStoredVerbatim() throws Exception {
        String evil = "x'); DELETE FROM cift_trades; -- \"quoted\", comma";
        service.ingestTrades(java.util.List.of(new Trade(1, evil, java.time.Instant.parse("2026-01-05T10:00:00Z"), "A",
                io.cift.core.model.Side.BUY, java.math.BigDecimal.ONE, java.math.BigDecimal.TEN, java.math.BigDecimal.ZERO)));
        try (Connection c = ds.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT user_id FROM cift_trades")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo(evil);
        }
    }
}
