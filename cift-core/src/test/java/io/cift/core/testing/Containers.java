package io.cift.core.testing;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The integration tests' servers in containers, through Testcontainers, from the images
 * {@code scripts/images.sh} builds (never pulled: no registry is needed). Whether containers are used is
 * decided here ({@link #use()}); {@code scripts/test.sh} says which path it took. Containers carry the label {@code io.cift.test=1} (so that
 * {@code scripts/images.sh clean} finds any a killed run left) and publish their port on 127.0.0.1 only.
 */
public final class Containers {

    private static final Map<ServerImage, Server> SHARED = new ConcurrentHashMap<>();
    private static volatile String unavailable;
    private static volatile boolean checked;

    private Containers() {
    }

    /**
     * Whether the tests run their servers in containers: {@code CIFT_CONTAINERS=off} says no, {@code on} says
     * yes (then a missing engine or image ends the test), and without the variable they do when a Docker engine
     * answers and the images are built.
     *
     * @return whether to use containers
     */
    public static boolean use() {
        String mode = System.getenv("CIFT_CONTAINERS");
        if ("off".equalsIgnoreCase(mode)) {
            return false;
        }
        return "on".equalsIgnoreCase(mode) || check() == null;
    }

    /**
     * Makes sure containers can run, or ends the test: with {@code CIFT_CONTAINERS=off} (or without the variable
     * and without an engine) it is skipped, for its suite runs on the services.sh servers; with
     * {@code CIFT_CONTAINERS=on} a missing engine or image fails it under {@code CI=true} and skips it otherwise.
     */
    public static void require() {
        org.junit.jupiter.api.Assumptions.assumeTrue(use(),
                "this run uses the scripts/services.sh servers, not the container version matrix (CIFT_CONTAINERS)");
        String why = check();
        if (why == null) {
            return;
        }
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError(why + " (CI=true: run scripts/images.sh engine-start and build, or set CIFT_CONTAINERS=off)");
        }
        org.junit.jupiter.api.Assumptions.abort(why);
    }

    private static synchronized String check() {
        if (checked) {
            return unavailable;
        }
        checked = true;
        try {
            if (!DockerClientFactory.instance().isDockerAvailable()) {
                unavailable = "no Docker engine answers";
            } else {
                for (ServerImage i : ServerImage.values()) {
                    try {
                        DockerClientFactory.instance().client().inspectImageCmd(i.image).exec();
                    } catch (RuntimeException e) {
                        unavailable = "image " + i.image + " is not built (scripts/images.sh build)";
                        break;
                    }
                }
            }
        } catch (RuntimeException | Error e) {
            unavailable = "no Docker engine answers: " + e.getMessage();
        }
        return unavailable;
    }

    /**
     * The server of an image shared by every test of this JVM, started on first use and removed when the
     * JVM exits. Its port on 127.0.0.1 is fixed when it starts, so a test that stops and starts it
     * ({@link Server#stopServer()}, {@link Server#killServer()}, {@link Server#startServer()}) keeps every
     * other test's URL valid.
     *
     * @param image the image
     * @return the running server
     */
    public static Server shared(ServerImage image) {
        require();
        return SHARED.computeIfAbsent(image, i -> {
            Server s = start(i, freeLoopbackPort());
            Runtime.getRuntime().addShutdownHook(new Thread(s::close));
            return s;
        });
    }

    /** @return a port of 127.0.0.1 that nothing listens on now */
    private static int freeLoopbackPort() {
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("no free port on 127.0.0.1", e);
        }
    }

    /**
     * The server a test of one image's suite runs on: the shared container when the tests use containers,
     * else null, for the caller to take its {@code scripts/services.sh} server, which stands in for
     * {@code hostRelease} only (a test of any other image is then skipped, see {@link #require()}).
     *
     * @param image the image the test wants
     * @param hostRelease the image the services.sh server stands in for
     * @return the shared server, or null to use the services.sh one
     */
    public static Server sharedOrHost(ServerImage image, ServerImage hostRelease) {
        if (use()) {
            return shared(image);
        }
        if (image != hostRelease) {
            require();
        }
        return null;
    }

    /**
     * A server of the caller's own (for tests that pause or stop it); close it when done.
     *
     * @param image the image
     * @return the running server
     */
    public static Server start(ServerImage image) {
        return start(image, 0);
    }

    /**
     * A server of the caller's own whose port is published on a given port of the host's loopback, so that
     * stopping and starting its container ({@link Server#stopServer()}, {@link Server#startServer()}) keeps
     * the address clients know.
     *
     * @param image the image
     * @param hostPort the port on 127.0.0.1, or 0 for any
     * @return the running server
     */
    public static Server start(ServerImage image, int hostPort) {
        return start(image, hostPort, null, null);
    }

    /**
     * A server of the caller's own, one of several that reach each other on a network of their own (a
     * cluster): it answers to {@code alias} on the network, {@code setup} adds what the member needs (its
     * command line, configuration files), and its server port is published on a free port of 127.0.0.1 that
     * stays the same when it is stopped and started.
     *
     * @param image the image
     * @param network the network the cluster's members share (Testcontainers' {@code Network})
     * @param alias the member's name on that network
     * @param setup the member's own settings, applied before it starts
     * @return the running server
     */
    public static Server startMember(ServerImage image, org.testcontainers.containers.Network network, String alias,
                                     java.util.function.Consumer<GenericContainer<?>> setup) {
        return start(image, freeLoopbackPort(), network, c -> {
            c.withNetworkAliases(alias);
            setup.accept(c);
        });
    }

    /**
     * A network of its own for a cluster's members, labelled like the containers so that
     * {@code scripts/images.sh clean-containers} finds one a killed run left; close it after its members.
     *
     * @return the network (created on first use by a member)
     */
    public static org.testcontainers.containers.Network newNetwork() {
        return org.testcontainers.containers.Network.builder()
                .createNetworkCmdModifier(cmd -> cmd.withLabels(Map.of("io.cift.test", "1"))).build();
    }

    private static Server start(ServerImage image, int hostPort, org.testcontainers.containers.Network network,
                                java.util.function.Consumer<GenericContainer<?>> member) {
        require();
        GenericContainer<?> c = new GenericContainer<>(DockerImageName.parse(image.image))
                .withImagePullPolicy(name -> false)
                .withLabel("io.cift.test", "1")
                .withExposedPorts(image.port)
                .withStartupTimeout(Duration.ofSeconds(90));
        if (hostPort > 0) {
            c.withCreateContainerCmdModifier(cmd -> cmd.getHostConfig().withPortBindings(new com.github.dockerjava.api.model.PortBinding(
                    com.github.dockerjava.api.model.Ports.Binding.bindIpAndPort("127.0.0.1", hostPort),
                    new com.github.dockerjava.api.model.ExposedPort(image.port))));
        }
        if (network != null) {
            c.withNetwork(network);
            member.accept(c);
        }
        c.waitingFor(image.readyLog == null ? Wait.forHttp("/ping").forPort(image.port)
                : Wait.forLogMessage(image.readyLog, 1));
        c.start();
        return new Server(image, c);
    }

    /** A server running in a container. */
    public static final class Server implements AutoCloseable {
        private final ServerImage image;
        private final GenericContainer<?> container;

        Server(ServerImage image, GenericContainer<?> container) {
            this.image = image;
            this.container = container;
        }

        /** @return the image it runs */
        public ServerImage image() {
            return image;
        }

        /** @return the host to connect to (loopback) */
        public String host() {
            return container.getHost();
        }

        /** @return the port its server's port is published on */
        public int port() {
            return container.getMappedPort(image.port);
        }

        /**
         * The JDBC URL of a PostgreSQL (database {@code test}, user {@code postgres}) or ClickHouse (database
         * {@code default}) server.
         *
         * @return the URL, without parameters beyond the PostgreSQL user
         */
        public String jdbcUrl() {
            return switch (image) {
                case POSTGRES_15, POSTGRES_17 -> "jdbc:postgresql://" + host() + ":" + port() + "/test?user=postgres";
                case CLICKHOUSE_18_16 -> "jdbc:clickhouse://" + host() + ":" + port() + "/default";
                default -> throw new UnsupportedOperationException(image.image + " has no JDBC URL");
            };
        }

        /** @return the container's id */
        public String containerId() {
            return container.getContainerId();
        }

        /** Freezes the server's processes: it hangs rather than dies (connections stay open, nothing answers). */
        public void pause() {
            DockerClientFactory.instance().client().pauseContainerCmd(container.getContainerId()).exec();
        }

        /** Lets a paused server go on. */
        public void unpause() {
            DockerClientFactory.instance().client().unpauseContainerCmd(container.getContainerId()).exec();
        }

        /** Stops the server as an outage would (its container stops; it keeps its state and host port). */
        public void stopServer() {
            DockerClientFactory.instance().client().stopContainerCmd(container.getContainerId()).withTimeout(10).exec();
        }

        /** Kills the server as a crash would: SIGKILL to every process of its container, no shutdown at all. */
        public void killServer() {
            DockerClientFactory.instance().client().killContainerCmd(container.getContainerId()).exec();
        }

        /**
         * Starts a stopped or killed server again (nothing when it runs) and waits until it is ready: a new ready
         * line in its log, or
         * for ClickHouse, which writes none, an answer to {@code /ping} (the port published by the proxy proves
         * nothing).
         */
        public void startServer() {
            if (Boolean.TRUE.equals(DockerClientFactory.instance().client().inspectContainerCmd(container.getContainerId())
                    .exec().getState().getRunning())) {
                return;
            }
            int before = image.readyLog == null ? 0 : readyLines();
            DockerClientFactory.instance().client().startContainerCmd(container.getContainerId()).exec();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (image.readyLog == null ? !answersPing() : readyLines() <= before) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(this + " did not say it is ready within 60 s of starting again");
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }

        /** Whether the server's HTTP port answers {@code GET /ping} with 200 (ClickHouse's own readiness check). */
        private boolean answersPing() {
            try {
                java.net.HttpURLConnection c = (java.net.HttpURLConnection) java.net.URI.create(
                        "http://" + host() + ":" + port() + "/ping").toURL().openConnection();
                c.setConnectTimeout(500);
                c.setReadTimeout(1_000);
                try {
                    return c.getResponseCode() == 200;
                } finally {
                    c.disconnect();
                }
            } catch (java.io.IOException notYet) {
                return false;
            }
        }

        /** How many times the server's log said it is ready (the port published by the proxy proves nothing). */
        private int readyLines() {
            if (image.readyLog == null) {
                throw new UnsupportedOperationException(image.image + " has no ready line to wait for");
            }
            java.util.regex.Pattern ready = java.util.regex.Pattern.compile(image.readyLog);
            int n = 0;
            for (String line : container.getLogs().split("\\R")) {
                if (ready.matcher(line).matches()) {
                    n++;
                }
            }
            return n;
        }

        /** Stops and removes the container. */
        @Override
        public void close() {
            container.stop();
        }

        @Override
        public String toString() {
            return image.image + " (" + image.release + ") at " + host() + ":" + port();
        }
    }
}
