# ZooKeeper from the suite's packages, standalone on 2181: the distributed DDL (ON CLUSTER) of the
# ClickHouse shards the cluster tests run in containers.
ARG BASE
FROM ${BASE}
RUN apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends zookeeper \
    && rm -rf /var/lib/apt/lists/* \
    && mkdir -p /var/lib/cift-zookeeper \
    && printf 'tickTime=2000\ndataDir=/var/lib/cift-zookeeper\nclientPort=2181\nadmin.enableServer=false\n4lw.commands.whitelist=ruok\n' \
       > /etc/zookeeper/cift-zoo.cfg
EXPOSE 2181
CMD ["java", "-Xmx256m", "-cp", "/etc/zookeeper/conf:/usr/share/java/zookeeper.jar:/usr/share/java/slf4j-simple.jar", \
     "org.apache.zookeeper.server.quorum.QuorumPeerMain", "/etc/zookeeper/cift-zoo.cfg"]
