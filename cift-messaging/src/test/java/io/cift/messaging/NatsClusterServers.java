package io.cift.messaging;

import io.cift.core.testing.Containers;
import io.cift.core.testing.ServerImage;
import io.cift.core.testing.ServiceScript;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import org.testcontainers.containers.Network;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The three-node JetStream cluster the cluster tests run on, its nodes named {@code nats-1} to {@code nats-3}:
 * three containers of the Debian 12 NATS image on a network of their own when the tests use containers
 * ({@link Containers#use()}), shared by every test of the JVM; else {@code scripts/services.sh}'s
 * {@code nats-cluster} on 127.0.0.1:14222–14224. Either way {@link #stop} and {@link #start} really stop and
 * start a node's server.
 */
final class NatsClusterServers {

    private static final String HOST_URLS = "nats://127.0.0.1:14222,nats://127.0.0.1:14223,nats://127.0.0.1:14224";
    private static final int NODES = 3;
    private static List<Containers.Server> members;
    private static Network network;

    private NatsClusterServers() {
    }

    /**
     * The cluster's client URLs, started first if need be; ends the test when there is none.
     *
     * @return the URLs, comma-separated
     */
    static synchronized String urls() {
        if (!Containers.use()) {
            ServiceScript.requireReachable("the NATS cluster", "127.0.0.1", 14222, "nats-cluster");
            return HOST_URLS;
        }
        if (members == null) {
            startContainers();
        }
        return members.stream().map(m -> "nats://" + m.host() + ":" + m.port()).collect(Collectors.joining(","));
    }

    /**
     * Stops a node's server, as an outage would (its storage stays).
     *
     * @param node {@code nats-1}, {@code nats-2} or {@code nats-3}
     */
    static synchronized void stop(String node) {
        if (members == null) {
            ServiceScript.run(Map.of(), "stop", node);
        } else {
            member(node).stopServer();
        }
    }

    /**
     * Starts a stopped node's server again and waits until it says it is ready.
     *
     * @param node {@code nats-1}, {@code nats-2} or {@code nats-3}
     */
    static synchronized void start(String node) {
        if (members == null) {
            ServiceScript.run(Map.of(), "start", node);
        } else {
            member(node).startServer();
        }
    }

    private static Containers.Server member(String node) {
        int n = Integer.parseInt(node.substring("nats-".length()));
        return members.get(n - 1);
    }

    private static void startContainers() {
        Containers.require();
        network = Containers.newNetwork();
        String routes = java.util.stream.IntStream.rangeClosed(1, NODES).mapToObj(n -> "nats://nats-" + n + ":6222")
                .collect(Collectors.joining(","));
        List<Containers.Server> started = new ArrayList<>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            started.forEach(Containers.Server::close);
            network.close();
        }));
        for (int n = 1; n <= NODES; n++) {
            // --no_advertise: clients keep to the published loopback ports, never the members' bridge addresses
            String name = "nats-" + n;
            started.add(Containers.startMember(ServerImage.NATS_2_9, network, name, c -> c.withCommand(
                    "nats-server", "-js", "-sd", "/var/lib/nats", "-p", "4222", "-n", name,
                    "--cluster_name", "cift", "--cluster", "nats://0.0.0.0:6222", "--routes", routes,
                    "--no_advertise")));
        }
        members = started;
        awaitJetStream(urls());
    }

    /**
     * Waits until the cluster takes a stream of three replicas (its JetStream meta leader elected and every
     * node its peer), creating and deleting one.
     */
    private static void awaitJetStream(String urls) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            Connection nc = null;
            try {
                nc = Nats.connect(new Options.Builder().servers(urls.split(",")).connectionTimeout(Duration.ofSeconds(2))
                        .errorListener(new io.nats.client.ErrorListener() { }).build());
                io.nats.client.JetStreamManagement jsm = nc.jetStreamManagement();
                jsm.addStream(io.nats.client.api.StreamConfiguration.builder().name("CIFT_CLUSTER_READY")
                        .subjects("cift.cluster.ready").replicas(NODES).build());
                jsm.deleteStream("CIFT_CLUSTER_READY");
                return;
            } catch (Exception notYet) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the NATS cluster in containers had no JetStream within 60 s", notYet);
                }
            } finally {
                if (nc != null) {
                    try {
                        nc.close();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
