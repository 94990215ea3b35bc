package io.cift.core.testing;

import java.net.URI;

/**
 * Where a test finds a plain NATS (JetStream) or Redis server: the JVM's shared container of the image when the
 * tests use containers ({@link Containers#use()}), else the {@code scripts/services.sh} server named by the
 * environment ({@code CIFT_NATS_URL}; {@code CIFT_REDIS_HOST} and {@code CIFT_REDIS_PORT}) with loopback
 * defaults, which stands in for the Debian 12 release only. A server that does not answer fails the test under
 * {@code CI=true} and skips it otherwise.
 */
public final class Servers {

    private Servers() {
    }

    /** @return the URL of nats-server 2.9 (Debian 12) */
    public static String natsUrl() {
        return natsUrl(ServerImage.NATS_2_9);
    }

    /**
     * The URL of a NATS server of the version matrix.
     *
     * @param image {@link ServerImage#NATS_2_9} or {@link ServerImage#NATS_2_10}
     * @return its URL, {@code nats://host:port}
     */
    public static String natsUrl(ServerImage image) {
        Containers.Server s = Containers.sharedOrHost(image, ServerImage.NATS_2_9);
        if (s != null) {
            return "nats://" + s.host() + ":" + s.port();
        }
        String v = System.getenv("CIFT_NATS_URL");
        String url = v == null || v.isBlank() ? "nats://127.0.0.1:4222" : v;
        URI u = URI.create(url);
        ServiceScript.requireReachable("NATS", u.getHost(), u.getPort(), "nats");
        return url;
    }

    /**
     * The host and port of a Redis (or Valkey) server of the version matrix.
     *
     * @param image {@link ServerImage#REDIS_7}, {@link ServerImage#REDIS_8} or {@link ServerImage#VALKEY_8}
     * @return {@code host} and {@code port}
     */
    public static HostPort redis(ServerImage image) {
        Containers.Server s = Containers.sharedOrHost(image, ServerImage.REDIS_7);
        if (s != null) {
            return new HostPort(s.host(), s.port());
        }
        String host = System.getenv().getOrDefault("CIFT_REDIS_HOST", "127.0.0.1");
        int port = Integer.parseInt(System.getenv().getOrDefault("CIFT_REDIS_PORT", "6379"));
        ServiceScript.requireReachable("Redis", host, port, "redis");
        return new HostPort(host, port);
    }

    /**
     * A server's address.
     *
     * @param host the host
     * @param port the port
     */
    public record HostPort(String host, int port) {
    }
}
