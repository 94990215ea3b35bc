# Redis (or Valkey: ARG PACKAGE valkey-server, ARG SERVER valkey-server) from the suite's packages, keeping nothing on disk.
ARG BASE
FROM ${BASE}
ARG PACKAGE=redis-server
ARG SERVER=redis-server
RUN apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends ${PACKAGE} \
    && rm -rf /var/lib/apt/lists/* && ln -s "$(command -v ${SERVER})" /usr/local/bin/cift-kv-server
EXPOSE 6379
CMD ["cift-kv-server", "--bind", "0.0.0.0", "--protected-mode", "no", "--save", "", "--appendonly", "no"]
