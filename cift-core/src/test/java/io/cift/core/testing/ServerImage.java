package io.cift.core.testing;

/**
 * The server images {@code scripts/images.sh} builds from Debian's packages: the servers of Debian 12
 * (bookworm) and of Debian 13 (trixie), the version matrix of the integration tests, and bookworm's ZooKeeper,
 * which the ClickHouse shards of the cluster tests coordinate their DDL through.
 */
public enum ServerImage {
    /** PostgreSQL 15, bookworm. */
    POSTGRES_15("cift/postgres:15", "bookworm", 5432, ".*database system is ready to accept connections.*"),
    /** PostgreSQL 17, trixie. */
    POSTGRES_17("cift/postgres:17", "trixie", 5432, ".*database system is ready to accept connections.*"),
    /** Redis 7, bookworm. */
    REDIS_7("cift/redis:7", "bookworm", 6379, ".*Ready to accept connections.*"),
    /** Redis 8, trixie. */
    REDIS_8("cift/redis:8", "trixie", 6379, ".*Ready to accept connections.*"),
    /** Valkey 8, trixie. */
    VALKEY_8("cift/valkey:8", "trixie", 6379, ".*Ready to accept connections.*"),
    /** nats-server 2.9 with JetStream, bookworm. */
    NATS_2_9("cift/nats:2.9", "bookworm", 4222, ".*Server is ready.*"),
    /** nats-server 2.10 with JetStream, trixie. */
    NATS_2_10("cift/nats:2.10", "trixie", 4222, ".*Server is ready.*"),
    /** ClickHouse 18.16 (HTTP port), bookworm; trixie ships no ClickHouse. */
    CLICKHOUSE_18_16("cift/clickhouse:18.16", "bookworm", 8123, null),
    ZOOKEEPER_3_8("cift/zookeeper:3.8", "bookworm", 2181, ".*PrepRequestProcessor \\(sid:0\\) started.*");

    /** The image's name. */
    public final String image;
    /** The Debian release its server comes from. */
    public final String release;
    /** The port the server listens on inside the container. */
    public final int port;
    /** A line of the server's log that says it is ready, or null to wait for HTTP {@code /ping}. */
    final String readyLog;

    ServerImage(String image, String release, int port, String readyLog) {
        this.image = image;
        this.release = release;
        this.port = port;
        this.readyLog = readyLog;
    }
}
