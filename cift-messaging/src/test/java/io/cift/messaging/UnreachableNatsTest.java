package io.cift.messaging;

import io.cift.core.CiftException;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThat;

class UnreachableNatsTest {

    @Test
    void aServerThatDoesNotAnswerIsATransientFailureNamingIt() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String url = "nats://127.0.0.1:" + port;
        assertThatThrownBy(() -> JetStreamOrderEvents.connect(JetStreamConfig.builder().url(url).build()))
                .isInstanceOf(CiftException.class)
                .hasMessageContaining("NATS JetStream at " + url + " is unavailable")
                .satisfies(e -> assertThat(((CiftException) e).isTransient()).isTrue());
    }
}
