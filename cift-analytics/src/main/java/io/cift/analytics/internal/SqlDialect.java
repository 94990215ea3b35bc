package io.cift.analytics.internal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * What differs between the SQL databases on the read side: the statements (each takes its parameters in
 * the order {@link JdbcAnalyticsService} binds them) and how times travel. Implementations are stateless.
 */
interface SqlDialect {

    /** @return the backend name results carry */
    String name();

    /** Each day's last snapshot value: parameters user, from (inclusive), until (exclusive); columns day, value. */
    String dailyValues();

    /** Binds a time parameter of {@link #dailyValues}. */
    void bindTime(PreparedStatement ps, int index, Instant t) throws SQLException;

    /** @return the day in a column of {@link #dailyValues} */
    LocalDate day(ResultSet rs, int column) throws SQLException;

    /** A user's trades by id: parameter user; columns trade_id, time, symbol, side, quantity, price, fee. */
    String userTrades();

    /** A page of a user's trades: parameters user, after trade id, limit; the columns of {@link #userTrades}. */
    String tradePage();

    /** @return a trade's time from the time column of {@link #userTrades} */
    Instant time(ResultSet rs, int column) throws SQLException;

    /** The latest mark of every symbol: columns symbol, price. */
    String marks();

    /**
     * Trades by symbol: parameter user when {@code oneUser}; the columns {@link Sql#summaryRow} reads.
     *
     * @param oneUser whether the statement filters on one user
     * @return the statement
     */
    String summary(boolean oneUser);
}
