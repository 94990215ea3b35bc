package io.cift.cache;

import io.cift.analytics.AnalyticsService;
import io.cift.analytics.Mark;
import io.cift.analytics.PerformanceQuery;
import io.cift.analytics.PerformanceReport;
import io.cift.analytics.PnlMethod;
import io.cift.analytics.PnlReport;
import io.cift.analytics.PortfolioSnapshot;
import io.cift.analytics.Trade;
import io.cift.analytics.TradePage;
import io.cift.analytics.TradeSummaryReport;

import java.math.BigDecimal;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * An {@link AnalyticsService} with an {@link AnalyticsCache} read-through in front of the performance
 * report and the P&amp;L breakdown of a user; writes go to the service first and then invalidate the users
 * they touch. Results keep the name of the backend that computed them. Trade pages and trade summaries
 * pass through. Thread-safe when the service and the cache are.
 */
public final class CachedAnalyticsService implements AnalyticsService {

    private static final ValueCodec<PerformanceReport> PERFORMANCE = ValueCodec.json(PerformanceReport.class);
    private static final ValueCodec<PnlReport> PNL = ValueCodec.json(PnlReport.class);

    private final AnalyticsService delegate;
    private final AnalyticsCache cache;

    /**
     * Puts a cache in front of a service.
     *
     * @param delegate the service
     * @param cache the cache
     */
    public CachedAnalyticsService(AnalyticsService delegate, AnalyticsCache cache) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.cache = Objects.requireNonNull(cache, "cache");
    }

    /** @return the cache, for its statistics */
    public AnalyticsCache cache() {
        return cache;
    }

    @Override
    public int migrate() {
        return delegate.migrate();
    }

    @Override
    public String backendName() {
        return delegate.backendName();
    }

    @Override
    public void ingestSnapshots(List<PortfolioSnapshot> batch) {
        delegate.ingestSnapshots(batch);
        Set<String> users = new LinkedHashSet<>();
        batch.forEach(s -> users.add(s.user()));
        users.forEach(cache::invalidate);
    }

    @Override
    public void ingestTrades(List<Trade> batch) {
        delegate.ingestTrades(batch);
        Set<String> users = new LinkedHashSet<>();
        batch.forEach(t -> users.add(t.user()));
        users.forEach(cache::invalidate);
    }

    /** Marks change every user's P&amp;L; stored marks are read by pnl(), so their callers pass marks explicitly. */
    @Override
    public void ingestMarks(List<Mark> batch) {
        delegate.ingestMarks(batch);
    }

    @Override
    public PerformanceReport performance(PerformanceQuery q) {
        if (q.benchmark() != null) {
            return delegate.performance(q);   // a benchmark series is part of the question: not cached
        }
        String key = "perf:" + q.from() + ":" + q.to() + ":" + q.riskFree();
        return cache.get(q.user(), key, PERFORMANCE, () -> delegate.performance(q));
    }

    @Override
    public PnlReport pnl(String user, PnlMethod method, Map<String, BigDecimal> marks) {
        if (marks == null || marks.isEmpty()) {
            return delegate.pnl(user, method, marks);   // stored marks may change under the cache: not cached
        }
        StringBuilder key = new StringBuilder("pnl:").append(method);
        new TreeMap<>(marks).forEach((s, p) -> key.append(':').append(s).append('=').append(p.toPlainString()));
        return cache.get(user, key.toString(), PNL, () -> delegate.pnl(user, method, marks));
    }

    @Override
    public TradeSummaryReport tradeSummary(String user, Map<String, BigDecimal> marks) {
        return delegate.tradeSummary(user, marks);
    }

    @Override
    public TradePage trades(String user, long afterTradeId, int limit) {
        return delegate.trades(user, afterTradeId, limit);
    }

    @Override
    public void close() {
        delegate.close();
        cache.close();
    }
}
