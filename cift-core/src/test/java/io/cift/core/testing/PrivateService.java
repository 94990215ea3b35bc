package io.cift.core.testing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A server of a test class's own on its own port, stopped and deleted after the class: the machine's shared
 * server is never touched. When the tests use containers ({@link Containers#use()}) it is a container of the
 * Debian 12 image published on that port of 127.0.0.1 (PostgreSQL, Redis, NATS); otherwise
 * {@code scripts/services.sh} starts it with its state in a fresh directory. Fault tests stop and start it
 * through {@link #stop()} and {@link #start()}: the container or the process really stops.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final PrivateService REDIS = PrivateService.of("redis", Map.of("CIFT_REDIS_PORT", "16379"));
 * }</pre>
 */
public final class PrivateService implements BeforeAllCallback, AfterAllCallback {

    private final String service;
    private final Map<String, String> ports;
    private Runnable before = () -> { };
    private Map<String, String> env;
    private Path dir;
    private Containers.Server container;
    private boolean onHost;

    private PrivateService(String service, Map<String, String> ports) {
        this.service = service;
        this.ports = Map.copyOf(ports);
    }

    /**
     * A private server.
     *
     * @param service the name {@code scripts/services.sh} knows ({@code postgres}, {@code redis}, {@code nats}...)
     * @param ports the script's port variables for it, such as {@code CIFT_REDIS_PORT}
     * @return the extension
     */
    public static PrivateService of(String service, Map<String, String> ports) {
        return new PrivateService(service, ports);
    }

    /**
     * Keeps this server on the host ({@code scripts/services.sh}) even when the tests use containers.
     *
     * @return this
     */
    public PrivateService onHost() {
        this.onHost = true;
        return this;
    }

    /**
     * Runs a check before the server starts (that the software is installed and the shared server answers).
     *
     * @param check the check
     * @return this
     */
    public PrivateService requiring(Runnable check) {
        this.before = check;
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        before.run();
        ServerImage image = switch (service) {
            case "postgres" -> ServerImage.POSTGRES_15;
            case "redis" -> ServerImage.REDIS_7;
            case "nats" -> ServerImage.NATS_2_9;
            default -> null;
        };
        if (image != null && !onHost && Containers.use()) {
            String port = ports.get(switch (service) {
                case "postgres" -> "CIFT_PG_PORT";
                case "redis" -> "CIFT_REDIS_PORT";
                default -> "CIFT_NATS_PORT";
            });
            container = Containers.start(image, Integer.parseInt(port));
            env = Map.copyOf(ports);
            return;
        }
        // world-readable: PostgreSQL's own user must be able to enter it
        dir = Files.createTempDirectory(Path.of("/var/tmp"), "cift-" + service + "-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Map<String, String> e = new HashMap<>(ports);
        e.put("CIFT_SERVICES_DIR", dir.toString());
        env = Map.copyOf(e);
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        if (container != null) {
            container.close();
            return;
        }
        if (dir == null) {
            return;                   // never started (a requirement was not met): the reason stands on its own
        }
        try {
            stop();
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Starts the server (again). */
    public void start() {
        if (container != null) {
            container.startServer();
            return;
        }
        ServiceScript.run(env(), "start", service);
    }

    /** Stops the server, as an outage would. */
    public void stop() {
        if (container != null) {
            container.stopServer();
            return;
        }
        ServiceScript.run(env(), "stop", service);
    }

    /** @return the environment the script runs with: the ports and the state directory */
    public Map<String, String> env() {
        if (env == null) {
            throw new IllegalStateException("the " + service + " server starts before the test class's tests");
        }
        return env;
    }

    /** @return the server's state directory */
    public Path directory() {
        if (dir == null) {
            throw new UncheckedIOException(new IOException("no directory before the class starts"));
        }
        return dir;
    }
}
