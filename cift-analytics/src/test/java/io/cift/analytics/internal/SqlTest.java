package io.cift.analytics.internal;

import io.cift.analytics.InvalidDataException;
import io.cift.analytics.PortfolioSnapshot;
import io.cift.analytics.Trade;
import io.cift.core.model.Side;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThatCode;

/** Validation shared by the database backends, and how a ClickHouse refusal is told from an outage. */
class SqlTest {

    private static Trade trade(Instant ts) {
        return trade(1, ts);
    }

    private static Trade trade(long id, Instant ts) {
        return new Trade(id, "u", ts, "A", Side.BUY, BigDecimal.ONE, BigDecimal.TEN, BigDecimal.ZERO);
    }

    @Test
    void timestampsOutsideTheStoredRangeAreRefusedNamingRowAndValue() {
        Instant far = Instant.parse("+586524-01-19T08:01:50Z");
        assertThatThrownBy(() -> Sql.validateTrades(List.of(trade(far))))
                .isInstanceOf(InvalidDataException.class).hasMessageContaining("row 1").hasMessageContaining("+586524");
        assertThatThrownBy(() -> Sql.validateTrades(List.of(trade(Instant.parse("2106-01-01T00:00:00Z")))))
                .isInstanceOf(InvalidDataException.class).hasMessageContaining("2106-01-01T00:00:00Z");
        assertThatThrownBy(() -> Sql.validateSnapshots(List.of(new PortfolioSnapshot("u",
                Instant.parse("1969-12-31T23:59:59Z"), BigDecimal.ONE))))
                .isInstanceOf(InvalidDataException.class).hasMessageContaining("1969-12-31T23:59:59Z");
        assertThatCode(() -> Sql.validateTrades(List.of(trade(1, Instant.parse("2105-12-31T23:59:59Z")),
                trade(2, Instant.EPOCH)))).as("both ends of the range").doesNotThrowAnyException();
    }

    @Test
    void onlyDataErrorsCountAsARefusedRow() {
        assertThat(ClickHouseSync.refusedData(new SQLException("ClickHouse exception, code: 36, host: x, "
                + "Code: 36, e.displayText() = DB::Exception: Unknown element 'BAD' for type Enum8"))).isTrue();
        assertThat(ClickHouseSync.refusedData(new RuntimeException("wrapped", new SQLException(
                "Code: 252, e.displayText() = DB::Exception: Too many parts (300)")))).as("an overload is not bad data").isFalse();
        assertThat(ClickHouseSync.refusedData(new SQLException("Connection refused"))).isFalse();
    }
}
