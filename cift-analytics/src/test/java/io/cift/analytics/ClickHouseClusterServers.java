package io.cift.analytics;

import io.cift.core.testing.Containers;
import io.cift.core.testing.ServerImage;
import io.cift.core.testing.ServiceScript;
import org.testcontainers.containers.Network;
import org.testcontainers.images.builder.Transferable;

import java.util.ArrayList;
import java.util.List;

/**
 * The two ClickHouse 18.16 shards of the cluster {@code cift} the shard tests run on: when the tests use
 * containers ({@link Containers#use()}), two containers and a ZooKeeper for their distributed DDL on a network
 * of their own, shared by every test of the JVM; else {@code scripts/services.sh}'s {@code clickhouse-cluster}
 * on 127.0.0.1:18131 and 18132. A shard that does not answer fails the test under {@code CI=true} and skips it
 * otherwise.
 */
public final class ClickHouseClusterServers {

    private static final String[] HOST_SHARDS = {"jdbc:clickhouse://127.0.0.1:18131/", "jdbc:clickhouse://127.0.0.1:18132/"};
    private static String[] containerShards;

    private ClickHouseClusterServers() {
    }

    /**
     * The shards' JDBC URLs without a database (append one, such as {@code default}).
     *
     * @return shard 1's and shard 2's URL, each ending in {@code /}
     */
    public static synchronized String[] shards() {
        if (!Containers.use()) {
            ServiceScript.requireReachable("ClickHouse shard 1", "127.0.0.1", 18131, "clickhouse-cluster");
            ServiceScript.requireReachable("ClickHouse shard 2", "127.0.0.1", 18132, "clickhouse-cluster");
            return HOST_SHARDS.clone();
        }
        if (containerShards == null) {
            containerShards = startContainers();
        }
        return containerShards.clone();
    }

    private static String[] startContainers() {
        Containers.require();
        Network network = Containers.newNetwork();
        List<Containers.Server> started = new ArrayList<>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            started.forEach(Containers.Server::close);
            network.close();
        }));
        started.add(Containers.startMember(ServerImage.ZOOKEEPER_3_8, network, "zookeeper", c -> { }));
        String cluster = """
                <?xml version="1.0"?>
                <yandex>
                  <remote_servers><cift>
                    <shard><replica><host>shard-1</host><port>9000</port></replica></shard>
                    <shard><replica><host>shard-2</host><port>9000</port></replica></shard>
                  </cift></remote_servers>
                  <zookeeper><node><host>zookeeper</host><port>2181</port></node></zookeeper>
                  <distributed_ddl><path>/clickhouse/cift/task_queue/ddl</path></distributed_ddl>
                </yandex>
                """;
        String[] urls = new String[2];
        for (int n = 1; n <= 2; n++) {
            Containers.Server shard = Containers.startMember(ServerImage.CLICKHOUSE_18_16, network, "shard-" + n,
                    c -> c.withCopyToContainer(Transferable.of(cluster), "/etc/clickhouse-server/config.d/cluster.xml"));
            started.add(shard);
            urls[n - 1] = shard.jdbcUrl().replace("/default", "/");
        }
        return urls;
    }
}
