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
 * A server of a test class's own, started by {@code scripts/services.sh} on its own port with its state in
 * a fresh directory, stopped and deleted after the class: the machine's shared server is never touched.
 * Fault tests stop and start it through {@link #stop()} and {@link #start()}.
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
        ServiceScript.run(env(), "start", service);
    }

    /** Stops the server, as an outage would. */
    public void stop() {
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
