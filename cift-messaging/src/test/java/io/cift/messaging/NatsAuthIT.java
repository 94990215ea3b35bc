package io.cift.messaging;

import io.cift.core.CiftException;
import io.cift.core.testing.ServiceScript;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A NATS server that wants a user and password: the URL's credentials reach it, and no message shows them. */
class NatsAuthIT {

    @TempDir
    Path dir;

    private static boolean listening(int port) {
        try {
            new Socket("127.0.0.1", port).close();
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    @Test
    void credentialsInTheUrlAuthenticateAndNeverShow() throws Exception {
        ServiceScript.requireReachable("NATS", "127.0.0.1", 4222, "nats");   // nats-server is installed here
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Process server = new ProcessBuilder("nats-server", "-a", "127.0.0.1", "-p", String.valueOf(port), "-js",
                "-sd", dir.toString(), "--user", "desk", "--pass", "s3cret-pw").redirectErrorStream(true)
                .redirectOutput(dir.resolve("nats.log").toFile()).start();
        try {
            for (int i = 0; i < 100 && !listening(port); i++) {
                Thread.sleep(50);
            }
            String stream = "CIFT_AUTH_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8).toUpperCase();
            try (JetStreamOrderEvents p = JetStreamOrderEvents.connect(JetStreamConfig.builder()
                    .url("nats://desk:s3cret-pw@127.0.0.1:" + port).stream(stream).subjectPrefix("cift.auth").build())) {
                p.publish(new OrderEvent.Amended("auth", 1, "X", 1, 100, 1, true));
                p.flush();
                assertThat(p.published()).isEqualTo(1);
            }
            assertThatThrownBy(() -> JetStreamOrderEvents.connect(JetStreamConfig.builder()
                    .url("nats://desk:wrong-pw@127.0.0.1:" + port).stream(stream).subjectPrefix("cift.auth").build()))
                    .isInstanceOf(CiftException.class)
                    .hasMessageContaining("127.0.0.1:" + port)
                    .hasMessageNotContaining("wrong-pw");
        } finally {
            server.destroy();
            server.waitFor();
        }
    }
}
