# PostgreSQL from the suite's own packages: ARG VERSION is the major version the suite ships (15 bookworm, 17 trixie).
ARG BASE
FROM ${BASE}
ARG VERSION
RUN apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql-${VERSION} \
    && rm -rf /var/lib/apt/lists/*
USER postgres
ENV PATH=/usr/lib/postgresql/${VERSION}/bin:$PATH PGDATA=/var/lib/postgresql/data
# trust on every address: the container's port is published on the host's loopback only
RUN initdb --auth=trust -U postgres -E UTF8 --locale=C.UTF-8 >/dev/null \
    && echo "host all all 0.0.0.0/0 trust" >> "$PGDATA/pg_hba.conf" \
    && pg_ctl -w start -o "-c listen_addresses='' -c unix_socket_directories=/tmp" >/dev/null \
    && createdb -h /tmp test && pg_ctl -w stop >/dev/null
EXPOSE 5432
# a fast shutdown, as pg_ctl -m fast: SIGTERM would wait for every client to disconnect
STOPSIGNAL SIGINT
CMD ["postgres", "-c", "listen_addresses=*", "-c", "unix_socket_directories=/tmp"]
