package io.cift.cache;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Redis cache over TLS ({@code rediss://}) to a private redis-server on loopback that serves only TLS
 * and asks a password, with a certificate made for the test and trusted as a host application would
 * trust its own CA (the JVM's default SSL context).
 */
class RedisTlsIT {

    private static final int PORT = 16392;
    private static Path dir;
    private static Process server;
    private static SSLContext previous;

    @BeforeAll
    static void privateTlsServer() throws Exception {
        dir = Files.createTempDirectory("cift-redis-tls-");
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        Process gen = new ProcessBuilder(List.of("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", key.toString(),
                "-out", cert.toString())).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(gen.waitFor(60, TimeUnit.SECONDS) && gen.exitValue() == 0).as("openssl made a certificate").isTrue();

        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(cert)) {
            trust.setCertificateEntry("cift-test", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        previous = SSLContext.getDefault();
        SSLContext.setDefault(ctx);

        server = PrivateRedis.start(PORT, List.of("--port", "0", "--tls-port", Integer.toString(PORT), "--bind", "127.0.0.1",
                "--tls-cert-file", cert.toString(), "--tls-key-file", key.toString(), "--tls-ca-cert-file", cert.toString(),
                "--tls-auth-clients", "no", "--requirepass", "tl5-s3cret", "--save", "", "--appendonly", "no"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (previous != null) {
            SSLContext.setDefault(previous);
        }
        PrivateRedis.stop(server);
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void aRedissUrlCachesOverTls() {
        AtomicInteger computed = new AtomicInteger();
        try (AnalyticsCache cache = AnalyticsCache.redis(URI.create("rediss://:tl5-s3cret@127.0.0.1:" + PORT),
                Duration.ofMinutes(1), Duration.ofSeconds(5))) {
            String first = cache.get("alice", "q", ValueCodec.json(String.class), () -> "v" + computed.incrementAndGet());
            String second = cache.get("alice", "q", ValueCodec.json(String.class), () -> "v" + computed.incrementAndGet());
            assertThat(second).isEqualTo(first);
            assertThat(cache.stats().hits()).isEqualTo(1);
            assertThat(cache.stats().bypassed()).as("every call went through TLS to Redis").isZero();
        }
        assertThat(computed).hasValue(1);
    }

    @Test
    void plainTextToATlsPortIsBypassedNotServedWrongly() {
        try (AnalyticsCache cache = AnalyticsCache.redis(URI.create("redis://:tl5-s3cret@127.0.0.1:" + PORT),
                Duration.ofMinutes(1), Duration.ofMillis(500))) {
            assertThat(cache.get("bob", "q", ValueCodec.json(String.class), () -> "computed")).isEqualTo("computed");
            assertThat(cache.stats().bypassed()).isEqualTo(1);
        }
    }
}
