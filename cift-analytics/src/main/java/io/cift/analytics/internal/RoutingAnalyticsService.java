package io.cift.analytics.internal;

import io.cift.analytics.AnalyticsBackends;
import io.cift.analytics.AnalyticsService;
import io.cift.analytics.Backend;
import io.cift.analytics.BackendHealth;
import io.cift.analytics.BackendUnavailableException;
import io.cift.analytics.Mark;
import io.cift.analytics.PerformanceQuery;
import io.cift.analytics.PerformanceReport;
import io.cift.analytics.PnlMethod;
import io.cift.analytics.PnlReport;
import io.cift.analytics.PortfolioSnapshot;
import io.cift.analytics.QueryShape;
import io.cift.analytics.RoutedAnalytics;
import io.cift.analytics.RoutingConfig;
import io.cift.analytics.SyncStatus;
import io.cift.analytics.Trade;
import io.cift.analytics.TradePage;
import io.cift.analytics.TradeSummaryReport;
import io.cift.core.CiftException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/** {@link RoutedAnalytics}: the router, its circuit breakers and the background sync. */
public final class RoutingAnalyticsService implements RoutedAnalytics {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RoutingAnalyticsService.class);
    private final io.cift.core.internal.LogLimiter syncFailureLog = new io.cift.core.internal.LogLimiter(
            java.time.Duration.ofMinutes(1));
    /** Background sync runs that failed in a row (0 while it works). */
    private final java.util.concurrent.atomic.AtomicLong failingRuns = new java.util.concurrent.atomic.AtomicLong();

    private final RoutingConfig config;
    private final io.cift.analytics.PooledDataSource pgPool;
    private final io.cift.analytics.PooledDataSource chPool;
    private final PostgresAnalyticsService pg;
    private final ClickHouseAnalyticsService ch;
    private final AnalyticsService embedded;
    private final ClickHouseSync sync;
    private final Map<Backend, CircuitBreaker> breakers = new EnumMap<>(Backend.class);
    /** Calls each backend served, by backend ordinal (in memory). */
    private final java.util.concurrent.atomic.AtomicLongArray served =
            new java.util.concurrent.atomic.AtomicLongArray(Backend.values().length);
    private final ScheduledExecutorService scheduler;
    /** Rows this router wrote to PostgreSQL, counted after each commit. */
    private final java.util.concurrent.atomic.AtomicLong written = new java.util.concurrent.atomic.AtomicLong();
    /** The last measured lag and how many rows had been written before it was measured. */
    private volatile Lag lag = new Lag(Long.MAX_VALUE, 0);
    private final java.util.concurrent.atomic.AtomicLong syncFailures = new java.util.concurrent.atomic.AtomicLong();
    private volatile Throwable lastSyncFailure;
    private final BackendHealth health = new BackendHealth() {
        @Override
        public boolean available(Backend backend) {
            return isAvailable(backend);
        }

        @Override
        public boolean clickHouseCurrent() {
            return ch != null && syncLagRows() <= config.maxSyncLagRows() && isAvailable(Backend.CLICKHOUSE);
        }
    };

    /**
     * Creates the router.
     *
     * @param config the configuration
     */
    public RoutingAnalyticsService(RoutingConfig config) {
        this.config = config;
        this.pgPool = AnalyticsBackends.pooled(config.postgresUrl(), null, config.poolSize(), config.connectTimeout());
        this.pg = new PostgresAnalyticsService(pgPool, config.postgresUrl());
        if (config.clickhouseUrl() != null) {
            this.chPool = AnalyticsBackends.pooled(config.clickhouseUrl(), config.clickhouseDriver(), config.poolSize(),
                    config.connectTimeout());
            this.ch = new ClickHouseAnalyticsService(chPool, config.clickhouseUrl(), config.clickhouseCluster());
            this.sync = new ClickHouseSync(pgPool, config.postgresUrl(), ch, ClickHouseSync.DEFAULT_BATCH);
        } else {
            this.chPool = null;
            this.ch = null;
            this.sync = null;
        }
        this.embedded = config.embeddedFallback() ? new EmbeddedAnalyticsService() : null;
        CircuitBreakerConfig cb = CircuitBreakerConfig.custom()
                .slidingWindowSize(10)
                .minimumNumberOfCalls(1)
                .failureRateThreshold(50)
                .waitDurationInOpenState(config.openDuration())
                .permittedNumberOfCallsInHalfOpenState(1)
                .automaticTransitionFromOpenToHalfOpenEnabled(true)
                .recordException(e -> e instanceof BackendUnavailableException)
                .build();
        breakers.put(Backend.POSTGRESQL, CircuitBreaker.of("cift-postgresql", cb));
        breakers.put(Backend.CLICKHOUSE, CircuitBreaker.of("cift-clickhouse", cb));
        breakers.forEach((backend, breaker) -> breaker.getEventPublisher()
                .onStateTransition(e -> logTransition(backend, e.getStateTransition())));
        if (sync != null && !config.syncInterval().isZero()) {
            scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "cift-clickhouse-sync");
                t.setDaemon(true);
                return t;
            });
            BackgroundTask.every(scheduler, config.syncInterval(), this::backgroundSync, this::syncFailed);
            LOG.info("background sync PostgreSQL -> ClickHouse started, every {} ms", config.syncInterval().toMillis());
        } else {
            scheduler = null;
        }
    }

    @Override
    public String backendName() {
        return "routed";
    }

    @Override
    public int migrate() {
        int n = pg.migrate();
        if (ch != null) {
            n += ch.migrate();
        }
        return n;
    }

    /**
     * A breaker changed state: opening is a fail-over (one WARN, however many calls then go elsewhere),
     * closing again a fail-back (INFO); the probes between are DEBUG.
     */
    private void logTransition(Backend backend, CircuitBreaker.StateTransition t) {
        switch (t.getToState()) {
            case OPEN -> {
                if (t.getFromState() == CircuitBreaker.State.HALF_OPEN) {
                    LOG.debug("analytics backend {} still unavailable: its circuit opens again", backend.wireName());
                } else {
                    LOG.warn("analytics backend {} is unavailable: its circuit is open, calls go to the next backend,"
                            + " and it is probed again every {} ms", backend.wireName(), config.openDuration().toMillis());
                }
            }
            case CLOSED -> LOG.info("analytics backend {} is available again: its circuit is closed", backend.wireName());
            default -> LOG.debug("analytics backend {}: circuit {} -> {}", backend.wireName(), t.getFromState(),
                    t.getToState());
        }
    }

    /** Whether a background sync has ever completed, and whether the missing schema was reported. */
    private volatile boolean synced;
    private volatile boolean toldUnmigrated;

    private static final java.util.regex.Pattern UNKNOWN_TABLE = java.util.regex.Pattern.compile("Code: 60\\b");

    /** Whether a failure is a table that does not exist (PostgreSQL 42P01, ClickHouse code 60). */
    private static boolean missingTable(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof java.sql.SQLException e && "42P01".equals(e.getSQLState())) {
                return true;
            }
            String m = String.valueOf(c.getMessage());
            if (UNKNOWN_TABLE.matcher(m).find() || m.contains("UNKNOWN_TABLE")) {
                return true;   // ClickHouse: "Code: 60," on 18.16, "Code: 60." and UNKNOWN_TABLE on current releases
            }
        }
        return false;
    }

    /** One run of the background sync; says when it works again after failing. */
    private void backgroundSync() {
        syncNow();
        synced = true;
        long failed = failingRuns.getAndSet(0);
        if (failed > 0) {
            LOG.info("background sync to ClickHouse works again after {} failed run(s)", failed);
        }
    }

    /**
     * A background sync failed. A server being down ({@link CiftException}) is expected: the lag stays as it
     * was and ClickHouse stays out of routing while behind. Anything else is a defect or bad data. Either way
     * it is counted, logged (the first failure of a stall, then at most once a minute), and the sync goes on
     * at the next interval.
     */
    private void syncFailed(Throwable t) {
        long n = syncFailures.incrementAndGet();
        lastSyncFailure = t;
        long run = failingRuns.incrementAndGet();
        if (!synced && missingTable(t)) {
            // not migrated yet (a service starts its router, then migrates): not a stall
            if (!toldUnmigrated) {
                toldUnmigrated = true;
                LOG.info("background sync to ClickHouse waits for the schema: call migrate()");
            }
            return;
        }
        long held = syncFailureLog.admit();
        if (run == 1 || held >= 0) {
            String what = io.cift.core.Redact.text(String.valueOf(t));
            if (t instanceof CiftException) {
                LOG.warn("background sync to ClickHouse stalled (failure #{}, {} in a row); ClickHouse serves no calls"
                        + " while it is behind, and the sync retries every {} ms: {}", n, run,
                        config.syncInterval().toMillis(), what);
            } else {
                LOG.error("background sync to ClickHouse failed unexpectedly (failure #{}); it goes on at the next"
                        + " interval: {}", n, what, t);
            }
        }
    }

    @Override
    public long syncFailures() {
        return syncFailures.get();
    }

    @Override
    public java.util.Optional<Throwable> lastSyncFailure() {
        return java.util.Optional.ofNullable(lastSyncFailure);
    }

    @Override
    public synchronized SyncStatus syncNow() {
        if (sync == null) {
            throw new IllegalStateException("no ClickHouse configured: nothing to sync");
        }
        long before = written.get();
        SyncStatus s = sync.syncNow();
        lag = new Lag(s.rowsBehind(), before);
        return s;
    }

    @Override
    public SyncStatus refreshSyncStatus() {
        if (sync == null) {
            throw new IllegalStateException("no ClickHouse configured: nothing to sync");
        }
        long before = written.get();
        SyncStatus s = sync.status();
        lag = new Lag(s.rowsBehind(), before);
        return s;
    }

    /**
     * A measured lag, and the write count read before measuring: a row committed after the measurement was
     * counted after that read, so the lag never misses this router's own writes (it may count a row twice,
     * which errs on the side of PostgreSQL). No read-modify-write, no lost update.
     */
    private record Lag(long rows, long writtenBefore) {
    }

    @Override
    public long syncLagRows() {
        Lag l = lag;
        return saturatingAdd(l.rows(), written.get() - l.writtenBefore());
    }

    @Override
    public long callsServed(Backend backend) {
        return served.get(backend.ordinal());
    }

    @Override
    public boolean isAvailable(Backend backend) {
        if (backend == Backend.EMBEDDED) {
            return embedded != null;
        }
        if (backend == Backend.CLICKHOUSE && ch == null) {
            return false;
        }
        return breakers.get(backend).getState() != CircuitBreaker.State.OPEN;
    }

    private AnalyticsService service(Backend b) {
        return switch (b) {
            case POSTGRESQL -> pg;
            case CLICKHOUSE -> ch;
            case EMBEDDED -> embedded;
        };
    }

    /** Tries the selector's backends in order, then the embedded one if allowed. */
    private <T> T route(QueryShape shape, Function<AnalyticsService, T> call) {
        List<Backend> order = new ArrayList<>(config.selector().order(shape, health));
        if (embedded != null && !order.contains(Backend.EMBEDDED)) {
            order.add(Backend.EMBEDDED);
        }
        BackendUnavailableException last = null;
        List<String> skipped = new ArrayList<>();
        for (Backend b : order) {
            AnalyticsService s = service(b);
            if (s == null) {
                continue;
            }
            if (b == Backend.EMBEDDED) {
                T r = call.apply(s);
                served.incrementAndGet(b.ordinal());
                return r;
            }
            CircuitBreaker cb = breakers.get(b);
            if (!cb.tryAcquirePermission()) {
                skipped.add(b.wireName() + " (circuit open)");
                continue;
            }
            long t0 = System.nanoTime();
            try {
                T r = call.apply(s);
                cb.onSuccess(System.nanoTime() - t0, TimeUnit.NANOSECONDS);
                served.incrementAndGet(b.ordinal());
                return r;
            } catch (BackendUnavailableException e) {
                cb.onError(System.nanoTime() - t0, TimeUnit.NANOSECONDS, e);
                if (cb.getState() == CircuitBreaker.State.CLOSED) {
                    cb.transitionToOpenState();   // a dead server costs one timeout, not one per call
                }
                skipped.add(b.wireName() + " (" + e.getMessage() + ")");
                last = e;
            } catch (RuntimeException e) {
                cb.onSuccess(System.nanoTime() - t0, TimeUnit.NANOSECONDS);   // it answered: not a health problem
                throw e;
            }
        }
        throw new BackendUnavailableException("no analytics backend could serve the call: " + String.join("; ", skipped), last);
    }

    @Override
    public void ingestSnapshots(List<PortfolioSnapshot> batch) {
        pg.ingestSnapshots(batch);
        written.addAndGet(batch.size());
        if (embedded != null) {
            embedded.ingestSnapshots(batch);
        }
    }

    @Override
    public void ingestTrades(List<Trade> batch) {
        pg.ingestTrades(batch);
        written.addAndGet(batch.size());
        if (embedded != null) {
            embedded.ingestTrades(batch);
        }
    }

    @Override
    public void ingestMarks(List<Mark> batch) {
        pg.ingestMarks(batch);
        written.addAndGet(batch.size());
        if (embedded != null) {
            embedded.ingestMarks(batch);
        }
    }

    private static long saturatingAdd(long a, long b) {
        long r = a + b;
        return r < a ? Long.MAX_VALUE : r;
    }

    @Override
    public PerformanceReport performance(PerformanceQuery query) {
        return route(QueryShape.NARROW, s -> s.performance(query));
    }

    @Override
    public PnlReport pnl(String user, PnlMethod method, Map<String, BigDecimal> marks) {
        Decimals.checkMarks(marks);   // a bad argument, not a backend's failure: refused before any backend is asked
        return route(QueryShape.NARROW, s -> s.pnl(user, method, marks));
    }

    @Override
    public TradeSummaryReport tradeSummary(String user, Map<String, BigDecimal> marks) {
        Decimals.checkMarks(marks);
        return route(user == null ? QueryShape.WIDE : QueryShape.NARROW, s -> s.tradeSummary(user, marks));
    }

    @Override
    public TradePage trades(String user, long afterTradeId, int limit) {
        return route(QueryShape.NARROW, s -> s.trades(user, afterTradeId, limit));
    }

    @Override
    public void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            LOG.info("background sync PostgreSQL -> ClickHouse stopped");
        }
        pgPool.close();
        if (chPool != null) {
            chPool.close();
        }
    }
}
