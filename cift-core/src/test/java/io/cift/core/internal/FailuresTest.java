package io.cift.core.internal;

import io.cift.core.CiftException;
import org.junit.jupiter.api.Test;

import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLSyntaxErrorException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

class FailuresTest {

    @Test
    void codesDecide() {
        assertThat(Failures.isTransient(new SQLException("down", "08006"))).as("connection failure").isTrue();
        assertThat(Failures.isTransient(new SQLException("full", "53300"))).as("too many connections").isTrue();
        assertThat(Failures.isTransient(new SQLException("shutting down", "57P01"))).as("admin shutdown").isTrue();
        assertThat(Failures.isTransient(new SQLException("slow", "HYT00"))).as("timeout").isTrue();
        assertThat(Failures.isTransient(new SQLTransientConnectionException("pool empty"))).isTrue();
        assertThat(Failures.isTransient(new SQLException("syntax", "42601"))).as("syntax error").isFalse();
        assertThat(Failures.isTransient(new SQLException("bad value", "22P02"))).as("data error").isFalse();
        assertThat(Failures.isTransient(new SQLSyntaxErrorException("x"))).isFalse();
        assertThat(Failures.isTransient(new UncheckedIOException(new ConnectException("refused")))).isTrue();
        assertThat(Failures.isTransient(new RuntimeException(new TimeoutException()))).isTrue();
        assertThat(Failures.isTransient(new IllegalArgumentException("no"))).isFalse();
    }

    @Test
    void aCodeThatRefusesIsNotOverruledByItsMessage() {
        assertThat(Failures.isTransient(new SQLException("Connection refused by policy: column x", "42501"))).isFalse();
        // without any code, a well-known connection message is all there is (the legacy ClickHouse driver)
        assertThat(Failures.isTransient(new RuntimeException("java.net.ConnectException: Connection refused"))).isTrue();
    }

    @Test
    void ciftExceptionsCarryTheirOwnFlagAndTheirCausesCount() {
        assertThat(Failures.isTransient(new CiftException("down", null, true))).isTrue();
        assertThat(new CiftException("refused").isTransient()).isFalse();
        assertThat(Failures.isTransient(new CiftException("refused", new SQLException("bad", "22003")))).isFalse();
        assertThat(Failures.isTransient(new CiftException("wrapped", new SQLException("lost", "08003")))).isTrue();
    }
}
