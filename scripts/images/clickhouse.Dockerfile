# ClickHouse 18.16 from bookworm's packages, listening on every address of the container, as user clickhouse.
ARG BASE
FROM ${BASE}
RUN apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends clickhouse-server \
    && rm -rf /var/lib/apt/lists/*
COPY clickhouse-config.xml /etc/clickhouse-server/config.xml
COPY clickhouse-users.xml /etc/clickhouse-server/users.xml
RUN mkdir -p /var/lib/clickhouse /var/log/clickhouse-server && chown -R clickhouse:clickhouse /var/lib/clickhouse /var/log/clickhouse-server
USER clickhouse
EXPOSE 8123 9000
CMD ["clickhouse-server", "--config-file=/etc/clickhouse-server/config.xml"]
