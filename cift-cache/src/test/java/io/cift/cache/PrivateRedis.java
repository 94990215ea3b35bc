package io.cift.cache;

import java.io.IOException;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A redis-server of a test's own on a loopback port (CIFT_REDIS_SERVER names the binary), started and stopped by it. */
final class PrivateRedis {

    private PrivateRedis() {
    }

    /**
     * Starts redis-server with the given settings and waits until {@code port} accepts connections.
     *
     * @param port the port to wait for
     * @param settings command-line settings after the binary
     * @return the process
     * @throws Exception when it does not start within 20 s
     */
    static Process start(int port, List<String> settings) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(System.getenv().getOrDefault("CIFT_REDIS_SERVER", "redis-server"));
        cmd.addAll(settings);
        Process server = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            try {
                new Socket("127.0.0.1", port).close();
                return server;
            } catch (IOException e) {
                if (System.nanoTime() > deadline || !server.isAlive()) {
                    server.destroyForcibly();
                    throw new IllegalStateException("redis-server did not start on port " + port, e);
                }
                Thread.sleep(50);
            }
        }
    }

    /** Stops it. */
    static void stop(Process server) throws InterruptedException {
        if (server != null) {
            server.destroy();
            server.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
