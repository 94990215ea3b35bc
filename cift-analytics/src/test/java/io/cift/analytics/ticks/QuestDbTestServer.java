package io.cift.analytics.ticks;

import io.questdb.ServerMain;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A real QuestDB server running in the test's JVM ({@code org.questdb:questdb}), with its data in a
 * temporary directory and its ports on loopback. {@link #stop()} and {@link #start()} stop and
 * restart it on the same data and ports, for fault tests. Its log goes to a file, never to stdout.
 * As a JUnit extension ({@code @RegisterExtension static final QuestDbTestServer QDB = QuestDbTestServer.perClass();})
 * it starts before a test class and is closed after it.
 */
public final class QuestDbTestServer implements AutoCloseable, BeforeAllCallback, AfterAllCallback {

    private Path root;
    private final Map<String, String> extraEnv = new HashMap<>();
    private ServerMain server;
    private int httpPort;
    private int pgPort;

    private QuestDbTestServer(Path root) {
        this.root = root;
    }

    /**
     * A server for one test class, to register with {@code @RegisterExtension}: started before the
     * class's tests, closed after them.
     *
     * @return the not yet started server
     */
    public static QuestDbTestServer perClass() {
        return new QuestDbTestServer(null);
    }

    /**
     * Like {@link #perClass()}, with server settings as QuestDB's {@code QDB_...} environment variables
     * (such as {@code QDB_HTTP_USER}).
     *
     * @param env the settings
     * @return the not yet started server
     */
    public static QuestDbTestServer perClass(Map<String, String> env) {
        QuestDbTestServer s = new QuestDbTestServer(null);
        s.extraEnv.putAll(env);
        return s;
    }

    private static Path newRoot() {
        try {
            Path root = Files.createTempDirectory("cift-questdb-");
            Files.createDirectories(root.resolve("conf"));
            Path logConf = root.resolve("conf/log.conf");
            Files.writeString(logConf, "writers=file\nw.file.class=io.questdb.log.LogFileWriter\nw.file.location="
                    + root.resolve("questdb.log") + "\nw.file.level=INFO,ERROR,CRITICAL,ADVISORY\n");
            System.setProperty("out", logConf.toString());   // QuestDB's log must not write to surefire's stdout
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        root = newRoot();
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    /** Starts the server; after a {@link #stop()} it reuses the same data and ports. */
    public synchronized void start() {
        if (server != null) {
            throw new IllegalStateException("already running");
        }
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("QDB_HTTP_BIND_TO", "127.0.0.1:" + httpPort);
        env.put("QDB_PG_NET_BIND_TO", "127.0.0.1:" + pgPort);
        env.put("QDB_LINE_TCP_NET_BIND_TO", "127.0.0.1:0");
        env.put("QDB_HTTP_MIN_NET_BIND_TO", "127.0.0.1:0");
        env.put("QDB_LINE_UDP_ENABLED", "false");
        env.put("QDB_TELEMETRY_ENABLED", "false");
        env.put("QDB_SHARED_WORKER_COUNT", "2");
        env.putAll(extraEnv);
        ServerMain s = ServerMain.create(root.toString(), env);
        s.start();
        server = s;
        httpPort = s.getHttpServerPort();
        pgPort = s.getPgWireServerPort();
    }

    /** Stops the server; its data stays. */
    public synchronized void stop() {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    /**
     * A configuration for this server and a table.
     *
     * @param table the table
     * @return a builder to adjust further
     */
    public QuestDbConfig.Builder config(String table) {
        return QuestDbConfig.builder().httpPort(httpPort).pgPort(pgPort).table(table);
    }

    /** @return the URL form of {@link #config}, as {@code CIFT_QUESTDB_URL} takes it */
    public String url() {
        return "http://127.0.0.1:" + httpPort + "?pg_port=" + pgPort;
    }

    /** @return the PostgreSQL wire JDBC URL with credentials */
    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + pgPort + "/qdb?user=admin&password=quest";
    }

    @Override
    public void close() {
        stop();
        if (root == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
