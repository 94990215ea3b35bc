#!/usr/bin/env bash
# Runs CIFT's whole test suite: unit tests (surefire, *Test) and integration tests (failsafe, *IT)
# of every module. The integration tests talk to real servers on loopback, so this first installs
# (Debian packages) and starts whatever is missing: PostgreSQL, ClickHouse 18.16 (one server, and two shards with ZooKeeper), the current ClickHouse
# engine (chDB behind a test HTTP server), NATS with JetStream (one server, and a three-node cluster) and Redis.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
scripts/services.sh start postgres clickhouse clickhouse-current clickhouse-cluster nats nats-cluster redis
exec mvn -B -ntp -Dstyle.color=never verify "$@"
