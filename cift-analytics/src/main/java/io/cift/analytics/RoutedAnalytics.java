package io.cift.analytics;

import io.cift.analytics.internal.RoutingAnalyticsService;

/**
 * An {@link AnalyticsService} over PostgreSQL (the system of record), ClickHouse (fed from it by a
 * background sync) and optionally the embedded service, choosing a backend per call with a
 * {@link BackendSelector}. Batches are written to PostgreSQL; a backend that fails with
 * {@link BackendUnavailableException} is skipped by its circuit breaker (one failure opens it, so a dead
 * server costs one timeout; after {@link RoutingConfig#openDuration()} one probe call tests it) and the
 * call falls back to the next backend. ClickHouse serves only while it is within the configured sync lag.
 * Every result names the backend that served it. Thread-safe; close it to stop the sync and the pools.
 */
public interface RoutedAnalytics extends AnalyticsService {

    /**
     * Connects (lazily: servers may be down at start) and starts the background sync.
     *
     * @param config the configuration
     * @return the service
     */
    static RoutedAnalytics create(RoutingConfig config) {
        return new RoutingAnalyticsService(config);
    }

    /**
     * Creates or upgrades the schemas of both databases.
     *
     * @return schema versions applied (PostgreSQL plus ClickHouse)
     */
    int migrate();

    /**
     * Copies what ClickHouse is missing now (the background sync does this on its own too).
     *
     * @return the lag after copying
     */
    SyncStatus syncNow();

    /**
     * Measures the lag without copying (a read-only command uses this to decide whether ClickHouse may serve).
     *
     * @return the lag now
     */
    SyncStatus refreshSyncStatus();

    /**
     * Whether a backend's circuit currently lets calls through.
     *
     * @param backend the backend
     * @return false while it is known to be down
     */
    boolean isAvailable(Backend backend);

    /**
     * How many calls a backend served since this service was created.
     *
     * @param backend the backend
     * @return the count
     */
    long callsServed(Backend backend);

    /**
     * The sync lag as last measured.
     *
     * @return rows ClickHouse is behind (Long.MAX_VALUE before the first successful sync)
     */
    long syncLagRows();

    /**
     * How many background sync runs failed (a server down included); the sync goes on after every one.
     *
     * @return the count
     */
    long syncFailures();

    /**
     * What the last failed background sync run threw.
     *
     * @return the failure, or empty when none failed
     */
    java.util.Optional<Throwable> lastSyncFailure();
}
