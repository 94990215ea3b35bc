package io.cift.analytics.internal;

import io.cift.analytics.AnalyticsService;
import io.cift.analytics.DailyValue;
import io.cift.analytics.PerformanceAnalytics;
import io.cift.analytics.PerformanceQuery;
import io.cift.analytics.PerformanceReport;
import io.cift.analytics.PnlCalculator;
import io.cift.analytics.PnlMethod;
import io.cift.analytics.PnlReport;
import io.cift.analytics.SymbolSummary;
import io.cift.analytics.Trade;
import io.cift.analytics.TradePage;
import io.cift.analytics.TradeSummaryReport;
import io.cift.core.model.Side;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The {@link AnalyticsService} both SQL databases share: the read side (one value per day, P&amp;L, the
 * summary by symbol, pages of trades) over a {@link SqlDialect} for what differs; each database keeps its
 * own ingestion, migrations and failure handling. Thread-safe when {@link #read} is.
 */
abstract class JdbcAnalyticsService implements AnalyticsService {

    /** Work on a connection. */
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private final SqlDialect dialect;

    JdbcAnalyticsService(SqlDialect dialect) {
        this.dialect = dialect;
    }

    /** Runs work on a connection of the pool, turning a failure into the service's exception. */
    abstract <T> T read(Work<T> work);

    /** The first instant of a day, or the start of the storable range. */
    static Instant from(LocalDate d) {
        return d == null ? Instant.parse("1970-01-01T00:00:00Z") : d.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** The first instant after a day, or the end of the storable range. */
    static Instant until(LocalDate d) {
        return d == null ? Instant.parse("2106-01-01T00:00:00Z") : d.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    @Override
    public final PerformanceReport performance(PerformanceQuery q) {
        Objects.requireNonNull(q, "query");
        List<DailyValue> values = read(c -> {
            try (PreparedStatement ps = c.prepareStatement(dialect.dailyValues())) {
                ps.setString(1, q.user());
                dialect.bindTime(ps, 2, from(q.from()));
                dialect.bindTime(ps, 3, until(q.to()));
                List<DailyValue> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new DailyValue(dialect.day(rs, 1), rs.getBigDecimal(2).doubleValue()));
                    }
                }
                return out;
            }
        });
        return PerformanceAnalytics.compute(values, q.benchmark(), q.riskFree(), 0, dialect.name());
    }

    @Override
    public final PnlReport pnl(String user, PnlMethod method, Map<String, BigDecimal> given) {
        Objects.requireNonNull(user, "user");
        Decimals.checkMarks(given);
        List<Trade> trades = new ArrayList<>();
        Map<String, BigDecimal> marks = new HashMap<>();
        read(c -> {
            try (PreparedStatement ps = c.prepareStatement(dialect.userTrades())) {
                ps.setString(1, user);
                ps.setFetchSize(10_000);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        trades.add(trade(user, rs));
                    }
                }
            }
            marks.putAll(marks(c, given));
            return null;
        });
        return PnlCalculator.compute(trades, marks, method, dialect.name());
    }

    /** A trade from a row of {@link SqlDialect#userTrades}. */
    Trade trade(String user, ResultSet rs) throws SQLException {
        return new Trade(rs.getLong(1), user, dialect.time(rs, 2), rs.getString(3), Side.valueOf(rs.getString(4)),
                rs.getBigDecimal(5).stripTrailingZeros(), rs.getBigDecimal(6).stripTrailingZeros(),
                rs.getBigDecimal(7).stripTrailingZeros());
    }

    /** The stored marks (the latest per symbol), overridden by {@code given} where it has a symbol. */
    Map<String, BigDecimal> marks(Connection c, Map<String, BigDecimal> given) throws SQLException {
        Map<String, BigDecimal> out = new HashMap<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(dialect.marks())) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getBigDecimal(2));
            }
        }
        if (given != null) {
            out.putAll(given);
        }
        return out;
    }

    @Override
    public final TradeSummaryReport tradeSummary(String user, Map<String, BigDecimal> given) {
        Decimals.checkMarks(given);
        Map<String, BigDecimal> marks = new HashMap<>();
        Map<String, SymbolSummary> out = new TreeMap<>();
        read(c -> {
            marks.putAll(marks(c, given));
            try (PreparedStatement ps = c.prepareStatement(dialect.summary(user != null))) {
                if (user != null) {
                    ps.setString(1, user);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        SymbolSummary row = Sql.summaryRow(rs, marks);
                        out.put(row.symbol(), row);
                    }
                }
            }
            return null;
        });
        return new TradeSummaryReport(dialect.name(), user, Collections.unmodifiableMap(out));
    }

    @Override
    public final TradePage trades(String user, long afterTradeId, int limit) {
        Objects.requireNonNull(user, "user");
        EmbeddedAnalyticsService.checkPageLimit(limit);
        List<Trade> page = read(c -> {
            try (PreparedStatement ps = c.prepareStatement(dialect.tradePage())) {
                ps.setString(1, user);
                ps.setLong(2, afterTradeId);
                ps.setInt(3, limit + 1);
                List<Trade> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(trade(user, rs));
                    }
                }
                return out;
            }
        });
        return EmbeddedAnalyticsService.page(dialect.name(), page, limit, afterTradeId);
    }
}
