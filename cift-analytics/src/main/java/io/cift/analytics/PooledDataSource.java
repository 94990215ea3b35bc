package io.cift.analytics;

import javax.sql.DataSource;

/**
 * A pooled {@link DataSource} that {@link AnalyticsBackends#pooled} builds (HikariCP underneath); close it
 * when done. Thread-safe.
 */
public interface PooledDataSource extends DataSource, AutoCloseable {

    /** Closes every connection of the pool; later calls to {@code getConnection} fail. */
    @Override
    void close();
}
