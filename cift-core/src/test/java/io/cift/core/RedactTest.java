package io.cift.core;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RedactTest {

    @Test
    void credentialsInUrlsOfEveryKindAreHidden() {
        assertThat(Redact.text("nats://trader:s3cret@127.0.0.1:4222")).isEqualTo("nats://***@127.0.0.1:4222");
        assertThat(Redact.text("redis://:s3cret@cache:6379/0")).isEqualTo("redis://***@cache:6379/0");
        assertThat(Redact.text("rediss://default:s3cret@cache:6380")).isEqualTo("rediss://***@cache:6380");
        assertThat(Redact.text("jdbc:postgresql://db:5432/cift?user=app&password=s3cret&ssl=true"))
                .isEqualTo("jdbc:postgresql://db:5432/cift?user=app&password=***&ssl=true");
        assertThat(Redact.text("http://q:9000?pg_port=8812&http_user=w&http_password=s3cret&table=t"))
                .isEqualTo("http://q:9000?pg_port=8812&http_user=w&http_password=***&table=t");
        assertThat(Redact.text("http://q:9000?http_token=abc.def")).isEqualTo("http://q:9000?http_token=***");
        assertThat(Redact.text("jdbc:clickhouse://app:s3cret@ch:8123/cift")).isEqualTo("jdbc:clickhouse://***@ch:8123/cift");
        assertThat(Redact.text("http://qdb:9000/?pg_port=8812&PASSWORD=s3cret;table=ticks"))
                .isEqualTo("http://qdb:9000/?pg_port=8812&PASSWORD=***;table=ticks");
        assertThat(Redact.text("cannot connect to 'nats://u:s3cret@h:1' (refused); retry with token=abc"))
                .doesNotContain("s3cret").doesNotContain("abc");
    }

    @Test
    void textWithoutCredentialsIsUnchanged() {
        assertThat(Redact.text("nats://127.0.0.1:4222")).isEqualTo("nats://127.0.0.1:4222");
        assertThat(Redact.text("jdbc:postgresql://db/cift?user=app")).isEqualTo("jdbc:postgresql://db/cift?user=app");
        assertThat(Redact.text("trader@example.com sent 5 orders")).isEqualTo("trader@example.com sent 5 orders");
        assertThat(Redact.text(null)).isNull();
    }
}
