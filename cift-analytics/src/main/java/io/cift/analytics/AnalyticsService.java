package io.cift.analytics;

import io.cift.analytics.internal.EmbeddedAnalyticsService;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * Performance analytics, P&amp;L and trade history per account (user), over data it is given in batches.
 * Every result names the backend that produced it. Every implementation gives the same numbers for the
 * same data: the definitions are those of {@link PerformanceAnalytics} and {@link PnlCalculator}.
 *
 * <p>Ingestion is all or nothing per batch: a batch with a bad row throws {@link InvalidDataException}
 * naming the row and the reason, and nothing of it is stored. Re-ingesting a trade with the same id and
 * the same content is a no-op; with other content it is an error. Implementations are thread-safe.
 */
public interface AnalyticsService extends AutoCloseable {

    /**
     * An in-process service holding everything in memory: the zero-infrastructure default.
     *
     * @return a new empty service named {@code embedded}
     */
    static AnalyticsService embedded() {
        return new EmbeddedAnalyticsService();
    }

    /**
     * The name every result of this service carries ({@code embedded}, {@code postgresql}, {@code clickhouse}).
     *
     * @return the backend name
     */
    String backendName();

    /**
     * Stores portfolio snapshots.
     *
     * @param batch the snapshots
     * @throws InvalidDataException for a missing field or a non-positive total value
     */
    void ingestSnapshots(List<PortfolioSnapshot> batch);

    /**
     * Stores trades.
     *
     * @param batch the trades
     * @throws InvalidDataException for a missing field, a non-positive quantity or price, a duplicate id
     */
    void ingestTrades(List<Trade> batch);

    /**
     * Stores mark prices (the latest mark of a symbol replaces the previous one).
     *
     * @param batch the marks
     * @throws InvalidDataException for a missing symbol or a non-positive price
     */
    void ingestMarks(List<Mark> batch);

    /**
     * The performance report of an account: its daily values (the last snapshot of each UTC day) over the
     * query's range, optionally against a benchmark.
     *
     * @param query what to compute
     * @return the report
     */
    PerformanceReport performance(PerformanceQuery query);

    /**
     * The P&amp;L breakdown by symbol of an account's trades.
     *
     * @param user the account
     * @param method FIFO or average cost
     * @param marks mark prices by symbol; a symbol missing here uses the stored mark
     * @return the report
     */
    PnlReport pnl(String user, PnlMethod method, Map<String, BigDecimal> marks);

    /**
     * Trades aggregated by symbol (counts, quantities, notional, fees, net position, total P&amp;L at the
     * marks), for one account or across all accounts: a wide aggregate, method-independent.
     *
     * @param user the account, or null for every account
     * @param marks mark prices by symbol; a symbol missing here uses the stored mark
     * @return the report
     */
    TradeSummaryReport tradeSummary(String user, Map<String, BigDecimal> marks);

    /**
     * One page of an account's trades in trade id order.
     *
     * @param user the account
     * @param afterTradeId return trades with a larger id (use {@link Long#MIN_VALUE} for the first page)
     * @param limit the page size, 1 to 10,000
     * @return the page
     */
    TradePage trades(String user, long afterTradeId, int limit);

    /**
     * Creates or upgrades the storage schema (versioned, safe to run again and from several processes).
     * A service that keeps nothing on a server (the embedded one) has nothing to migrate.
     *
     * @return how many schema versions were applied
     */
    default int migrate() {
        return 0;
    }

    /** Releases what the service holds (connections, pools); the embedded service holds nothing. */
    @Override
    default void close() {
    }
}
