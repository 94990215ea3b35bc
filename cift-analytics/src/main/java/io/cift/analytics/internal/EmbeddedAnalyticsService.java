package io.cift.analytics.internal;

import io.cift.analytics.AnalyticsService;
import io.cift.analytics.DailyValue;
import io.cift.analytics.InvalidDataException;
import io.cift.analytics.Mark;
import io.cift.analytics.PerformanceAnalytics;
import io.cift.analytics.PerformanceQuery;
import io.cift.analytics.PerformanceReport;
import io.cift.analytics.PnlCalculator;
import io.cift.analytics.PnlMethod;
import io.cift.analytics.PnlReport;
import io.cift.analytics.PortfolioSnapshot;
import io.cift.analytics.Trade;
import io.cift.analytics.TradePage;
import io.cift.analytics.SymbolSummary;
import io.cift.analytics.TradeSummaryReport;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * {@link AnalyticsService} in memory: per user, snapshots by timestamp and trades by id in sorted maps.
 * Thread-safe: a read-write lock lets queries run together and makes each batch atomic.
 */
public final class EmbeddedAnalyticsService implements AnalyticsService {

    /** The backend name in every result. */
    public static final String NAME = "embedded";
    /** Largest trade page. */
    public static final int MAX_PAGE = 10_000;

    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<String, NavigableMap<Instant, PortfolioSnapshot>> snapshots = new HashMap<>();
    private final Map<String, NavigableMap<Long, Trade>> trades = new HashMap<>();
    private final Map<String, BigDecimal> marks = new HashMap<>();

    @Override
    public String backendName() {
        return NAME;
    }

    /**
     * Checks a snapshot batch.
     *
     * @param batch the snapshots
     * @throws InvalidDataException naming the first bad row
     */
    public static void validateSnapshots(List<PortfolioSnapshot> batch) {
        for (int i = 0; i < batch.size(); i++) {
            PortfolioSnapshot s = batch.get(i);
            int row = i + 1;
            if (s == null || s.user() == null || s.user().isEmpty()) {
                throw new InvalidDataException(row, "missing user");
            }
            if (s.timestamp() == null) {
                throw new InvalidDataException(row, "missing timestamp");
            }
            if (s.totalValue() == null) {
                throw new InvalidDataException(row, "missing total value");
            }
            if (s.totalValue().signum() <= 0) {
                throw new InvalidDataException(row, "total value must be positive, got " + Decimals.text(s.totalValue()));
            }
            Decimals.check(row, "total value", s.totalValue());
            Decimals.check(row, "cash", s.cash());
            Decimals.check(row, "positions value", s.positionsValue());
        }
    }

    /**
     * Checks a mark batch.
     *
     * @param batch the marks
     * @throws InvalidDataException naming the first bad row
     */
    public static void validateMarks(List<Mark> batch) {
        for (int i = 0; i < batch.size(); i++) {
            Mark m = batch.get(i);
            if (m == null || m.symbol() == null || m.symbol().isBlank()) {
                throw new InvalidDataException(i + 1, "missing symbol");
            }
            if (m.price() == null || m.price().signum() <= 0) {
                throw new InvalidDataException(i + 1, "mark price of " + m.symbol() + " must be positive, got "
                        + (m.price() == null ? "nothing" : Decimals.text(m.price())));
            }
            Decimals.check(i + 1, "mark price of " + m.symbol(), m.price());
        }
    }

    @Override
    public void ingestSnapshots(List<PortfolioSnapshot> batch) {
        validateSnapshots(batch);
        lock.writeLock().lock();
        try {
            for (PortfolioSnapshot s : batch) {
                snapshots.computeIfAbsent(s.user(), u -> new TreeMap<>()).put(s.timestamp(), s);
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public void ingestTrades(List<Trade> batch) {
        PnlCalculator.validate(batch);
        lock.writeLock().lock();
        try {
            for (int i = 0; i < batch.size(); i++) {
                Trade t = batch.get(i);
                NavigableMap<Long, Trade> m = trades.get(t.user());
                Trade old = m == null ? null : m.get(t.tradeId());
                if (old != null && !old.sameAs(t)) {
                    throw new InvalidDataException(i + 1, "trade id " + t.tradeId() + " already stored with other content");
                }
            }
            for (Trade t : batch) {
                trades.computeIfAbsent(t.user(), u -> new TreeMap<>()).put(t.tradeId(), t);
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public void ingestMarks(List<Mark> batch) {
        validateMarks(batch);
        lock.writeLock().lock();
        try {
            for (Mark m : batch) {
                marks.put(m.symbol(), m.price());
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public PerformanceReport performance(PerformanceQuery query) {
        Objects.requireNonNull(query, "query");
        List<DailyValue> values;
        lock.readLock().lock();
        try {
            values = dailyValues(snapshots.get(query.user()), query.from(), query.to());
        } finally {
            lock.readLock().unlock();
        }
        return PerformanceAnalytics.compute(values, query.benchmark(), query.riskFree(), 0, NAME);
    }

    /**
     * The last snapshot of each UTC day within [from, to].
     *
     * @param byTime snapshots by timestamp, or null
     * @param from first day or null
     * @param to last day or null
     * @return the daily values by date
     */
    static List<DailyValue> dailyValues(NavigableMap<Instant, PortfolioSnapshot> byTime, LocalDate from, LocalDate to) {
        List<DailyValue> out = new ArrayList<>();
        if (byTime == null) {
            return out;
        }
        NavigableMap<Instant, PortfolioSnapshot> range = byTime;
        if (from != null) {
            range = range.tailMap(from.atStartOfDay(ZoneOffset.UTC).toInstant(), true);
        }
        if (to != null) {
            range = range.headMap(to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant(), false);
        }
        LocalDate day = null;
        double value = 0;
        for (PortfolioSnapshot s : range.values()) {
            LocalDate d = s.timestamp().atZone(ZoneOffset.UTC).toLocalDate();
            if (day != null && !d.equals(day)) {
                out.add(new DailyValue(day, value));
            }
            day = d;
            value = s.totalValue().doubleValue();
        }
        if (day != null) {
            out.add(new DailyValue(day, value));
        }
        return out;
    }

    @Override
    public PnlReport pnl(String user, PnlMethod method, Map<String, BigDecimal> given) {
        Objects.requireNonNull(user, "user");
        Decimals.checkMarks(given);
        List<Trade> list;
        Map<String, BigDecimal> m;
        lock.readLock().lock();
        try {
            NavigableMap<Long, Trade> t = trades.get(user);
            list = t == null ? List.of() : new ArrayList<>(t.values());
            m = new HashMap<>(marks);
        } finally {
            lock.readLock().unlock();
        }
        if (given != null) {
            m.putAll(given);
        }
        return PnlCalculator.compute(list, m, method, NAME);
    }

    @Override
    public TradeSummaryReport tradeSummary(String user, Map<String, BigDecimal> given) {
        Decimals.checkMarks(given);
        List<Trade> all = new ArrayList<>();
        Map<String, BigDecimal> m;
        lock.readLock().lock();
        try {
            for (Map.Entry<String, NavigableMap<Long, Trade>> e : trades.entrySet()) {
                if (user == null || user.equals(e.getKey())) {
                    all.addAll(e.getValue().values());
                }
            }
            m = new HashMap<>(marks);
        } finally {
            lock.readLock().unlock();
        }
        if (given != null) {
            m.putAll(given);
        }
        return summarize(NAME, user, all, m);
    }

    /**
     * Aggregates trades by symbol in Java (what the databases do with GROUP BY).
     *
     * @param backend the backend name
     * @param user the account or null
     * @param all the trades
     * @param marks marks by symbol
     * @return the report
     */
    static TradeSummaryReport summarize(String backend, String user, List<Trade> all, Map<String, BigDecimal> marks) {
        Map<String, Object[]> agg = new TreeMap<>();
        for (Trade t : all) {
            Object[] a = agg.computeIfAbsent(t.symbol(), k -> new Object[]{0L, 0L, 0L, BigDecimal.ZERO, BigDecimal.ZERO,
                    BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO});
            BigDecimal n = t.quantity().multiply(t.price());
            boolean buy = t.side() == io.cift.core.model.Side.BUY;
            a[0] = (Long) a[0] + 1;
            a[buy ? 1 : 2] = (Long) a[buy ? 1 : 2] + 1;
            a[buy ? 3 : 4] = ((BigDecimal) a[buy ? 3 : 4]).add(t.quantity());
            a[5] = ((BigDecimal) a[5]).add(n);
            a[6] = ((BigDecimal) a[6]).add(t.fee());
            a[7] = buy ? ((BigDecimal) a[7]).subtract(n) : ((BigDecimal) a[7]).add(n);
        }
        Map<String, SymbolSummary> out = new TreeMap<>();
        agg.forEach((sym, a) -> out.put(sym, SymbolSummary.of(sym, (Long) a[0], (Long) a[1], (Long) a[2],
                (BigDecimal) a[3], (BigDecimal) a[4], (BigDecimal) a[5], (BigDecimal) a[6], (BigDecimal) a[7], marks.get(sym))));
        return new TradeSummaryReport(backend, user, java.util.Collections.unmodifiableMap(out));
    }

    @Override
    public TradePage trades(String user, long afterTradeId, int limit) {
        Objects.requireNonNull(user, "user");
        checkPageLimit(limit);
        List<Trade> fetched = new ArrayList<>();
        lock.readLock().lock();
        try {
            NavigableMap<Long, Trade> t = trades.get(user);
            if (t != null) {
                for (Trade x : t.tailMap(afterTradeId, false).values()) {
                    fetched.add(x);
                    if (fetched.size() > limit) {
                        break;
                    }
                }
            }
        } finally {
            lock.readLock().unlock();
        }
        return page(NAME, fetched, limit, afterTradeId);
    }

    /**
     * Checks a page size.
     *
     * @param limit the requested size
     */
    static void checkPageLimit(int limit) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw new IllegalArgumentException("limit must be 1 to " + MAX_PAGE + ", got " + limit);
        }
    }

    /**
     * A page from up to {@code limit + 1} trades fetched in id order (one more tells whether more follow).
     *
     * @param backend the backend name
     * @param fetched the trades fetched
     * @param limit the page size
     * @param afterTradeId the request's cursor
     * @return the page
     */
    static TradePage page(String backend, List<Trade> fetched, int limit, long afterTradeId) {
        boolean more = fetched.size() > limit;
        List<Trade> trades = more ? fetched.subList(0, limit) : fetched;
        return new TradePage(backend, List.copyOf(trades), more,
                trades.isEmpty() ? afterTradeId : trades.get(trades.size() - 1).tradeId());
    }
}
