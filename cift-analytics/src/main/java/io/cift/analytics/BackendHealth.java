package io.cift.analytics;

/**
 * What a routing strategy may know about the backends when it decides. Thread-safe: a router asks it from
 * every caller's thread.
 */
public interface BackendHealth {

    /**
     * Whether a backend's circuit breaker lets calls through (closed, or half-open with a probe free).
     *
     * @param backend the backend
     * @return false while it is known to be down
     */
    boolean available(Backend backend);

    /**
     * Whether ClickHouse has caught up with PostgreSQL to within the configured lag bound.
     *
     * @return true when its answers are current enough
     */
    boolean clickHouseCurrent();
}
