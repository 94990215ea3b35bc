package io.cift.analytics.ticks;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** ILP writes to a QuestDB server that asks for HTTP basic authentication. */
class QuestDbAuthIT {

    private static final String SECRET = "s3cr3t-Pw";
    private static final long T0 = 1_767_600_000_000_000L;

    @RegisterExtension
    static final QuestDbTestServer server = QuestDbTestServer.perClass(Map.of(
            "QDB_HTTP_USER", "writer", "QDB_HTTP_PASSWORD", SECRET));

    @Test
    void theRightCredentialsWrite() {
        try (TickStore s = TickStore.questDb(server.config("auth_ok").httpUser("writer").httpPassword(SECRET).build())) {
            s.write(Tick.trade("A", T0, 10, 1));
            s.flush();
            assertThat(s.ticks("A", Instant.EPOCH, Instant.ofEpochSecond(4_000_000_000L))).hasSize(1);
        }
    }

    @Test
    void refusedCredentialsAreAConfigurationErrorThatKeepsTheBufferedTicks() {
        TickStore s = TickStore.questDb(QuestDbConfig.fromUrl(server.url() + "&table=auth_bad&http_user=writer"
                + "&http_password=wrong-" + SECRET).build());
        try {
            s.write(Tick.trade("A", T0, 10, 1));
            s.write(Tick.trade("A", T0 + 1, 11, 1));
            assertThatThrownBy(s::flush).isInstanceOfSatisfying(TickStoreException.class, e -> {
                assertThat(e.isTransient()).as("retrying the same credentials cannot help").isFalse();
                assertThat(e.unconfirmed()).isEqualTo(2);
                assertThat(e.getMessage()).contains("refused the credentials").contains("http_password")
                        .contains("2 ticks stay buffered").doesNotContain(SECRET);
            });
            assertThatThrownBy(s::flush).as("kept, not thrown away: the next flush carries them again")
                    .isInstanceOfSatisfying(TickStoreException.class, e -> assertThat(e.unconfirmed()).isEqualTo(2));
            assertThat(s.confirmed()).isZero();
        } finally {
            try {
                s.close();
            } catch (RuntimeException expected) {
                // closing flushes: refused again
            }
        }
    }

    @Test
    void noCredentialsNamesWhatIsMissing() {
        TickStore s = TickStore.questDb(server.config("auth_none").build());
        try {
            s.write(Tick.trade("A", T0, 10, 1));
            assertThatThrownBy(s::flush).isInstanceOf(TickStoreException.class)
                    .hasMessageContaining("none were given").hasMessageContaining("http_user");
        } finally {
            try {
                s.close();
            } catch (RuntimeException expected) {
                // closing flushes: refused again
            }
        }
    }
}
