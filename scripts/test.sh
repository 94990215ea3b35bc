#!/usr/bin/env bash
# Runs CIFT's whole test suite: unit tests (surefire, *Test) and integration tests (failsafe, *IT)
# of every module. The integration tests talk to real servers on loopback, so this first installs
# (Debian packages) and starts whatever is missing: PostgreSQL, ClickHouse 18.16 (one server, and two shards with ZooKeeper), the current ClickHouse
# engine (chDB behind a test HTTP server), NATS with JetStream (one server, and a three-node cluster) and Redis.
# Where a Docker engine can run (docker.io from Debian), it builds the images of the version matrix
# (scripts/images.sh: the servers of Debian 12 and 13, and ZooKeeper) and the contract suites, the
# ClickHouse 18.16 tests and the clusters run on them through Testcontainers (so those services.sh servers
# are not started); without one, or with CIFT_CONTAINERS=off, every server comes from scripts/services.sh.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
if [ "${CIFT_CONTAINERS:-}" != off ] && scripts/images.sh engine-start && scripts/images.sh build; then
  export CIFT_CONTAINERS=on
  echo "test: ClickHouse 18.16 (one server and the two shards), the NATS cluster, and the contract suites of the version matrix on containers (Debian 12 and 13 servers, Testcontainers); the other servers from scripts/services.sh" >&2
  scripts/services.sh start postgres clickhouse-current nats redis
else
  export CIFT_CONTAINERS=off
  echo "test: no Docker engine (or CIFT_CONTAINERS=off): every server from scripts/services.sh; the container version matrix is skipped" >&2
  scripts/services.sh start postgres clickhouse clickhouse-current clickhouse-cluster nats nats-cluster redis
fi
# headless Chromium (Debian's package) renders the analytics tearsheet in its test
if ! command -v chromium >/dev/null 2>&1; then
  echo "test: installing chromium (the tearsheet's rendering test)" >&2
  DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null
fi
rc=0
mvn -B -ntp -Dstyle.color=never verify "$@" || rc=$?
if [ "$CIFT_CONTAINERS" = on ]; then
  scripts/images.sh clean-containers || true
  scripts/images.sh engine-stop || true
fi
exit $rc
