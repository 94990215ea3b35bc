package io.cift.analytics.internal;

import io.cift.analytics.BackendUnavailableException;
import io.cift.analytics.InvalidDataException;
import io.cift.core.CiftException;

import java.math.BigDecimal;
import java.sql.SQLException;

/** JDBC helpers shared by the database backends: failure classification and decimal limits. */
public final class Sql {

    /** Decimal places the database columns keep; more is refused at ingestion so every backend agrees. */
    static final int SCALE = 10;

    private Sql() {
    }

    /**
     * Classifies a failure by SQLState before any circuit breaker sees it: connection (08), resources (53),
     * operator intervention (57P), timeouts and I/O are transient; everything else (syntax 42, data 22...) is
     * permanent and must never cause a fail-over.
     */
    static CiftException classify(String backend, String url, SQLException e) {
        if (io.cift.core.internal.Failures.isTransient(e)) {
            return new BackendUnavailableException(backend + " at " + url + " is unavailable: " + firstLine(e), e);
        }
        return new CiftException(backend + " refused the statement: " + firstLine(e), e);
    }

    private static String firstLine(Throwable e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    /** Checks a snapshot batch as every backend does, then the decimal places the columns keep. */
    static void validateSnapshots(java.util.List<io.cift.analytics.PortfolioSnapshot> batch) {
        EmbeddedAnalyticsService.validateSnapshots(batch);
        for (int i = 0; i < batch.size(); i++) {
            io.cift.analytics.PortfolioSnapshot s = batch.get(i);
            checkTime(i + 1, s.timestamp());
            checkScale(i + 1, "total value", s.totalValue());
            checkScale(i + 1, "cash", s.cash());
            checkScale(i + 1, "positions value", s.positionsValue());
        }
    }

    /** Checks a trade batch as every backend does, then the decimal places the columns keep. */
    static void validateTrades(java.util.List<io.cift.analytics.Trade> batch) {
        io.cift.analytics.PnlCalculator.validate(batch);
        for (int i = 0; i < batch.size(); i++) {
            io.cift.analytics.Trade t = batch.get(i);
            checkTime(i + 1, t.timestamp());
            checkScale(i + 1, "quantity", t.quantity());
            checkScale(i + 1, "price", t.price());
            checkScale(i + 1, "fee", t.fee());
        }
    }

    /** Checks a mark batch as every backend does, then the decimal places the columns keep. */
    static void validateMarks(java.util.List<io.cift.analytics.Mark> batch) {
        EmbeddedAnalyticsService.validateMarks(batch);
        for (int i = 0; i < batch.size(); i++) {
            checkScale(i + 1, "mark price", batch.get(i).price());
        }
    }

    /**
     * One row of the trade-summary query: symbol, count, buys, sells, buy quantity, sell quantity, notional,
     * fees, cash flow.
     */
    static io.cift.analytics.SymbolSummary summaryRow(java.sql.ResultSet rs, java.util.Map<String, BigDecimal> marks)
            throws SQLException {
        String sym = rs.getString(1);
        return io.cift.analytics.SymbolSummary.of(sym, rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getBigDecimal(5),
                rs.getBigDecimal(6), rs.getBigDecimal(7), rs.getBigDecimal(8), rs.getBigDecimal(9), marks.get(sym));
    }

    /** The earliest time the database backends store (ClickHouse's DateTime starts at the epoch). */
    public static final java.time.Instant EARLIEST = java.time.Instant.EPOCH;
    /** The first time the database backends refuse (ClickHouse's DateTime ends in February 2106). */
    public static final java.time.Instant END = java.time.Instant.parse("2106-01-01T00:00:00Z");

    static void checkTime(int row, java.time.Instant ts) {
        if (ts.isBefore(EARLIEST) || !ts.isBefore(END)) {
            throw new InvalidDataException(row, "timestamp " + ts + " is outside the stored range " + EARLIEST
                    + " (inclusive) to " + END + " (exclusive)");
        }
    }

    static void checkScale(int row, String field, BigDecimal v) {
        if (v != null && v.scale() > SCALE && v.stripTrailingZeros().scale() > SCALE) {
            throw new InvalidDataException(row, field + " has more than " + SCALE + " decimal places: " + Decimals.text(v));
        }
    }
}
