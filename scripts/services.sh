#!/usr/bin/env bash
# Starts, stops and reports the servers CIFT's integration tests and backends use, on loopback.
#   scripts/services.sh start|stop|status [postgres|clickhouse|clickhouse-current|clickhouse-cluster|zookeeper|redis|nats|nats-cluster|nats-N|questdb ...]
#   (default: postgres clickhouse); "kill clickhouse" (or questdb) stops it with SIGKILL, as a crash would.
#   clickhouse-current is a test fixture: the current ClickHouse engine (chDB, fetched once from npm into
#   a cache outside the repository) behind scripts/chdb-server.py, which speaks ClickHouse's HTTP interface
# Installs what is missing with apt-get (Debian packages), is safe to run twice, and waits until each
# server answers. Ports and data directory come from the environment (defaults below).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# one server per port on a machine, whichever checkout started it: state lives in one place
RUN_DIR="${CIFT_SERVICES_DIR:-/var/tmp/cift-services}"
PG_PORT="${CIFT_PG_PORT:-5432}"
CH_HTTP_PORT="${CIFT_CH_HTTP_PORT:-18123}"
CH_TCP_PORT="${CIFT_CH_TCP_PORT:-19000}"
REDIS_PORT="${CIFT_REDIS_PORT:-6379}"
NATS_PORT="${CIFT_NATS_PORT:-4222}"
NATS_MON_PORT="${CIFT_NATS_MON_PORT:-8222}"
CHC_HTTP_PORT="${CIFT_CHC_HTTP_PORT:-18125}"
CHDB_VERSION="${CIFT_CHDB_VERSION:-26.5.3}"
CACHE_DIR="${CIFT_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/cift}"
ZK_PORT="${CIFT_ZK_PORT:-12181}"
QDB_HTTP_PORT="${CIFT_QDB_HTTP_PORT:-9000}"
QDB_PG_PORT="${CIFT_QDB_PG_PORT:-8812}"
QDB_ILP_PORT="${CIFT_QDB_ILP_PORT:-9009}"
QDB_MIN_PORT="${CIFT_QDB_MIN_PORT:-9003}"

log() { echo "services: $*" >&2; }
die() { echo "services: $*" >&2; exit 1; }

APT_UPDATED=0
apt_install() {
  command -v apt-get >/dev/null || die "apt-get not found: install $* by hand"
  if [ "$APT_UPDATED" = 0 ]; then
    log "apt-get update"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null || die "apt-get update failed"
    APT_UPDATED=1
  fi
  log "installing $*"
  # no init system here: keep package scripts from trying to start services
  printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null || { rm -f /usr/sbin/policy-rc.d; die "apt-get install $* failed"; }
  rm -f /usr/sbin/policy-rc.d
}

wait_for() { # name seconds command...
  local name=$1 secs=$2; shift 2
  local i
  for ((i = 0; i < secs * 10; i++)); do
    if "$@" >/dev/null 2>&1; then return 0; fi
    sleep 0.1
  done
  die "$name did not answer within ${secs}s"
}

# ---------------------------------------------------------------- PostgreSQL
pg_up() { pg_isready -q -h 127.0.0.1 -p "$PG_PORT"; }
pg_start() {
  command -v pg_isready >/dev/null || apt_install postgresql
  if pg_up; then log "postgres already running on 127.0.0.1:$PG_PORT"; return; fi
  local cluster
  cluster=$(ls /etc/postgresql 2>/dev/null | sort -V | tail -1 || true)
  if [ "$PG_PORT" = 5432 ] && [ -n "$cluster" ] && [ -d "/etc/postgresql/$cluster/main" ]; then
    log "starting the Debian cluster $cluster/main"
    pg_ctlcluster --skip-systemctl-redirect "$cluster" main start || true
  fi
  if ! pg_up; then
    local bin="/usr/lib/postgresql/$cluster/bin" dir="$RUN_DIR/postgres"
    mkdir -p "$dir" && chown postgres:postgres "$dir"
    if [ ! -f "$dir/data/PG_VERSION" ]; then
      log "creating a private cluster in $dir"
      runuser -u postgres -- "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 >/dev/null
    fi
    if ! runuser -u postgres -- "$bin/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" -w \
      -o "-p $PG_PORT -c listen_addresses=127.0.0.1 -k $dir" start >/dev/null; then
      tail -n 20 "$dir/postgres.log" >&2 || true       # the server's own reason (a port in use, say)
      die "postgres did not start on 127.0.0.1:$PG_PORT"
    fi
  fi
  wait_for postgres 30 pg_up
  log "postgres ready on 127.0.0.1:$PG_PORT"
}
pg_stop() {
  local dir="$RUN_DIR/postgres" cluster
  cluster=$(ls /etc/postgresql 2>/dev/null | sort -V | tail -1 || true)
  if [ -f "$dir/data/postmaster.pid" ]; then
    runuser -u postgres -- "/usr/lib/postgresql/$cluster/bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
  elif [ -n "$cluster" ]; then
    pg_ctlcluster --skip-systemctl-redirect "$cluster" main stop -m fast || true
  fi
  log "postgres stopped"
}

# ---------------------------------------------------------------- ClickHouse
ch_up() { curl -sf "http://127.0.0.1:$CH_HTTP_PORT/ping"; }
# writes a server's config.xml and users.xml: dir http-port tcp-port [extra XML inside <yandex>]
ch_config() {
  local dir=$1 http=$2 tcp=$3 extra=${4:-}
  mkdir -p "$dir/data" "$dir/tmp" "$dir/log" "$dir/user_files" "$dir/format_schemas"
  cat > "$dir/config.xml" <<XML
<?xml version="1.0"?>
<yandex>
  <logger><level>warning</level><log>$dir/log/clickhouse.log</log><errorlog>$dir/log/clickhouse.err.log</errorlog><size>100M</size><count>2</count></logger>
  <http_port>$http</http_port>
  <tcp_port>$tcp</tcp_port>
  <listen_host>127.0.0.1</listen_host>
  <max_connections>256</max_connections>
  <keep_alive_timeout>3</keep_alive_timeout>
  <max_concurrent_queries>100</max_concurrent_queries>
  <uncompressed_cache_size>1073741824</uncompressed_cache_size>
  <mark_cache_size>1073741824</mark_cache_size>
  <path>$dir/data/</path>
  <tmp_path>$dir/tmp/</tmp_path>
  <user_files_path>$dir/user_files/</user_files_path>
  <format_schema_path>$dir/format_schemas/</format_schema_path>
  <users_config>$dir/users.xml</users_config>
  <default_profile>default</default_profile>
  <default_database>default</default_database>
  <timezone>UTC</timezone>
  <mlock_executable>false</mlock_executable>
$extra
</yandex>
XML
  cat > "$dir/users.xml" <<XML
<?xml version="1.0"?>
<yandex>
  <profiles><default><max_memory_usage>4000000000</max_memory_usage><load_balancing>random</load_balancing></default></profiles>
  <users><default><password></password><networks><ip>127.0.0.1</ip><ip>::1</ip></networks><profile>default</profile><quota>default</quota></default></users>
  <quotas><default><interval><duration>3600</duration><queries>0</queries><errors>0</errors><result_rows>0</result_rows><read_rows>0</read_rows><execution_time>0</execution_time></interval></default></quotas>
</yandex>
XML
}
# starts a server from its directory's config; 18.16 writes no pid file unless daemonized, so the pid of
# the background process is kept here. The server must not inherit this script's stdout, or a caller
# reading it would wait forever.
ch_launch() {
  local dir=$1
  (
    cd "$dir" || exit 1
    nohup clickhouse-server --config-file="$dir/config.xml" > "$dir/log/stdout.log" 2>&1 < /dev/null &
    echo $! > "$dir/clickhouse.pid"
  )
}
ch_kill_dir() {
  local dir=$1 pid
  for pid in $(cat "$dir/clickhouse.pid" 2>/dev/null) $(pgrep -f "clickhouse-server --config-file=$dir/config.xml" || true); do
    kill -s "${STOP_SIGNAL:-TERM}" "$pid" 2>/dev/null || true
    for ((i = 0; i < 300; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  done
  rm -f "$dir/clickhouse.pid"
}
ch_start() {
  command -v clickhouse-server >/dev/null || apt_install clickhouse-server
  if ch_up; then log "clickhouse already running on 127.0.0.1:$CH_HTTP_PORT"; return; fi
  local dir="$RUN_DIR/clickhouse"
  ch_config "$dir" "$CH_HTTP_PORT" "$CH_TCP_PORT"
  log "starting clickhouse (data in $dir)"
  ch_launch "$dir"
  wait_for clickhouse 60 ch_up
  log "clickhouse ready on 127.0.0.1:$CH_HTTP_PORT (native $CH_TCP_PORT)"
}
ch_stop() {
  ch_kill_dir "$RUN_DIR/clickhouse"
  log "clickhouse stopped"
}

# ---------------------------------------------------------------- ZooKeeper (ClickHouse's distributed DDL)
# one standalone node on 127.0.0.1:12181, from Debian's package
zk_up() { [ "$(timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$ZK_PORT; echo ruok >&3; cat <&3" 2>/dev/null)" = imok ]; }
zk_start() {
  [ -f /usr/share/java/zookeeper.jar ] || apt_install zookeeper
  if zk_up; then log "zookeeper already running on 127.0.0.1:$ZK_PORT"; return; fi
  local dir="$RUN_DIR/zookeeper"
  mkdir -p "$dir/data"
  cat > "$dir/zoo.cfg" <<CFG
tickTime=2000
dataDir=$dir/data
clientPort=$ZK_PORT
clientPortAddress=127.0.0.1
admin.enableServer=false
4lw.commands.whitelist=ruok
CFG
  (
    cd "$dir" || exit 1
    nohup java -Xmx256m -cp /etc/zookeeper/conf:/usr/share/java/zookeeper.jar \
      org.apache.zookeeper.server.quorum.QuorumPeerMain "$dir/zoo.cfg" > "$dir/zookeeper.log" 2>&1 < /dev/null &
    echo $! > "$dir/zookeeper.pid"
  )
  wait_for zookeeper 60 zk_up
  log "zookeeper ready on 127.0.0.1:$ZK_PORT"
}
zk_stop() {
  local dir="$RUN_DIR/zookeeper" pid
  for pid in $(cat "$dir/zookeeper.pid" 2>/dev/null) $(pgrep -f "QuorumPeerMain $dir/zoo.cfg" || true); do
    kill "$pid" 2>/dev/null || true
    for ((i = 0; i < 100; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  done
  rm -f "$dir/zookeeper.pid"
  log "zookeeper stopped"
}

# ---------------------------------------------------------------- two ClickHouse shards (cluster 'cift')
# HTTP 127.0.0.1:18131 and 18132, native 19131 and 19132, interserver 19231 and 19232; ZooKeeper for
# distributed DDL (CREATE ... ON CLUSTER cift)
chcl_up_one() { curl -sf "http://127.0.0.1:$((18130 + $1))/ping" >/dev/null; }
chcl_up() { chcl_up_one 1 && chcl_up_one 2; }
chcl_start() {
  command -v clickhouse-server >/dev/null || apt_install clickhouse-server
  zk_start
  local n dir remote="<remote_servers><cift>"
  for n in 1 2; do remote="$remote<shard><replica><host>127.0.0.1</host><port>$((19130 + n))</port></replica></shard>"; done
  remote="$remote</cift></remote_servers>
  <zookeeper><node><host>127.0.0.1</host><port>$ZK_PORT</port></node></zookeeper>
  <distributed_ddl><path>/clickhouse/cift/task_queue/ddl</path></distributed_ddl>"
  for n in 1 2; do
    if chcl_up_one "$n"; then log "clickhouse shard $n already running on 127.0.0.1:$((18130 + n))"; continue; fi
    dir="$RUN_DIR/clickhouse-cluster/shard-$n"
    ch_config "$dir" $((18130 + n)) $((19130 + n)) "  <interserver_http_port>$((19230 + n))</interserver_http_port>
  $remote"
    ch_launch "$dir"
  done
  for n in 1 2; do wait_for "clickhouse shard $n" 60 chcl_up_one "$n"; done
  log "clickhouse cluster 'cift' ready: shards on 127.0.0.1:18131 and 18132 (native 19131, 19132)"
}
chcl_stop() {
  local n
  for n in 1 2; do ch_kill_dir "$RUN_DIR/clickhouse-cluster/shard-$n"; done
  zk_stop
  log "clickhouse cluster stopped"
}

# ---------------------------------------------------------------- current ClickHouse (chDB, a test fixture)
chc_up() { curl -sf "http://127.0.0.1:$CHC_HTTP_PORT/ping"; }
chc_start() {
  if chc_up; then log "clickhouse-current already running on 127.0.0.1:$CHC_HTTP_PORT"; return; fi
  local lib="$CACHE_DIR/chdb-$CHDB_VERSION/package/libchdb.so" dir="$RUN_DIR/clickhouse-current"
  if [ ! -f "$lib" ]; then
    local tmp="$CACHE_DIR/chdb-$CHDB_VERSION.partial" tgz
    rm -rf "$tmp" && mkdir -p "$tmp"
    log "fetching @chdb/lib-linux-x64-gnu@$CHDB_VERSION (about 166 MB, once) into $CACHE_DIR"
    if command -v npm >/dev/null; then
      (cd "$tmp" && npm pack -q "@chdb/lib-linux-x64-gnu@$CHDB_VERSION" >/dev/null 2>&1) || die "npm pack @chdb/lib-linux-x64-gnu@$CHDB_VERSION failed"
    else
      curl -sfL -o "$tmp/chdb.tgz" "https://registry.npmjs.org/@chdb/lib-linux-x64-gnu/-/lib-linux-x64-gnu-$CHDB_VERSION.tgz" \
        || die "could not download @chdb/lib-linux-x64-gnu@$CHDB_VERSION"
    fi
    tgz=$(ls "$tmp"/*.tgz | head -1)
    tar -C "$tmp" -xzf "$tgz" package/libchdb.so && rm -f "$tgz" || die "could not unpack $tgz"
    rm -rf "$CACHE_DIR/chdb-$CHDB_VERSION" && mv "$tmp" "$CACHE_DIR/chdb-$CHDB_VERSION"
  fi
  mkdir -p "$dir"
  log "starting clickhouse-current (chDB $CHDB_VERSION, data in $dir)"
  (cd "$dir" || exit 1; TZ=UTC nohup python3 "$ROOT/scripts/chdb-server.py" --lib "$lib" --path "$dir/data" \
     --port "$CHC_HTTP_PORT" > "$dir/server.log" 2>&1 < /dev/null & echo $! > "$dir/server.pid")
  wait_for clickhouse-current 60 chc_up
  log "clickhouse-current ready on 127.0.0.1:$CHC_HTTP_PORT (HTTP only)"
}
chc_stop() {
  local dir="$RUN_DIR/clickhouse-current" pid
  for pid in $(cat "$dir/server.pid" 2>/dev/null) $(pgrep -f "chdb-server.py .*--port $CHC_HTTP_PORT" || true); do
    kill -s "${STOP_SIGNAL:-TERM}" "$pid" 2>/dev/null || true
    for ((i = 0; i < 100; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  done
  rm -f "$dir/server.pid"
  log "clickhouse-current stopped"
}

# ---------------------------------------------------------------- Redis, NATS
redis_up() { redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping | grep -q PONG; }
redis_start() {
  command -v redis-server >/dev/null || apt_install redis-server
  command -v openssl >/dev/null || apt_install openssl      # the TLS test makes its certificate with it
  if redis_up; then log "redis already running on 127.0.0.1:$REDIS_PORT"; return; fi
  mkdir -p "$RUN_DIR/redis"
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes \
    --pidfile "$RUN_DIR/redis/redis.pid" --dir "$RUN_DIR/redis" --logfile "$RUN_DIR/redis/redis.log"
  wait_for redis 10 redis_up
  log "redis ready on 127.0.0.1:$REDIS_PORT"
}
redis_stop() { redis-cli -h 127.0.0.1 -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true; log "redis stopped"; }

# the server's INFO line says whether JetStream is on (works without a monitoring port)
nats_up() { timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$NATS_PORT; head -n 1 <&3" 2>/dev/null | grep -q '"jetstream":true'; }
nats_start() {
  command -v nats-server >/dev/null || apt_install nats-server
  if nats_up; then log "nats already running on 127.0.0.1:$NATS_PORT"; return; fi
  mkdir -p "$RUN_DIR/nats"
  (nohup nats-server -a 127.0.0.1 -p "$NATS_PORT" -m "$NATS_MON_PORT" -js -sd "$RUN_DIR/nats" \
     -P "$RUN_DIR/nats/nats.pid" > "$RUN_DIR/nats/nats.log" 2>&1 < /dev/null &)
  wait_for nats 20 nats_up
  log "nats ready on 127.0.0.1:$NATS_PORT"
}
nats_stop() {
  [ -f "$RUN_DIR/nats/nats.pid" ] && kill "$(cat "$RUN_DIR/nats/nats.pid")" 2>/dev/null || true
  log "nats stopped"
}

# ---------------------------------------------------------------- a NATS JetStream cluster (three nodes on loopback)
# clients on 127.0.0.1:14222-14224, routes on 14422-14424, monitoring on 14322-14324; server names nats-1..3
ncl_port() { echo $((14221 + $1)); }
ncl_up_one() { curl -sf "http://127.0.0.1:$((14321 + $1))/healthz" | grep -q ok; }
ncl_start_one() {
  local n=$1 dir="$RUN_DIR/nats-cluster/nats-$1"
  command -v nats-server >/dev/null || apt_install nats-server
  if ncl_up_one "$n"; then log "nats-$n already running on 127.0.0.1:$(ncl_port "$n")"; return; fi
  mkdir -p "$dir"
  (nohup nats-server -a 127.0.0.1 -p "$(ncl_port "$n")" -m $((14321 + n)) -js -sd "$dir" --name "nats-$n" \
     --cluster_name cift --cluster "nats://127.0.0.1:$((14421 + n))" \
     --routes "nats://127.0.0.1:14422,nats://127.0.0.1:14423,nats://127.0.0.1:14424" \
     -P "$dir/nats.pid" > "$dir/nats.log" 2>&1 < /dev/null &)
}
ncl_wait_one() { wait_for "nats-$1" 30 ncl_up_one "$1"; log "nats-$1 ready on 127.0.0.1:$(ncl_port "$1")"; }
ncl_stop_one() {
  local dir="$RUN_DIR/nats-cluster/nats-$1" pid
  pid=$(cat "$dir/nats.pid" 2>/dev/null || true)
  if [ -n "$pid" ]; then
    kill -s "${STOP_SIGNAL:-TERM}" "$pid" 2>/dev/null || true
    for ((i = 0; i < 100; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$dir/nats.pid"
  log "nats-$1 stopped"
}
ncl_up() { ncl_up_one 1 && ncl_up_one 2 && ncl_up_one 3; }
ncl_start() {
  local n
  for n in 1 2 3; do ncl_start_one "$n"; done     # all three first: each waits for the others to form JetStream
  for n in 1 2 3; do ncl_wait_one "$n"; done
}
ncl_stop() { local n; for n in 1 2 3; do ncl_stop_one "$n"; done; }

# ---------------------------------------------------------------- QuestDB
# the server from its Maven Central jar (the version the root pom names), as a separate JVM
qdb_up() { curl -sf "http://127.0.0.1:$QDB_HTTP_PORT/exec?query=SELECT%201" | grep -q dataset; }
qdb_start() {
  if qdb_up; then log "questdb already running on 127.0.0.1:$QDB_HTTP_PORT (pg $QDB_PG_PORT)"; return; fi
  local dir="$RUN_DIR/questdb-$QDB_HTTP_PORT" version jar
  version="$(sed -n 's:.*<questdb.version>\(.*\)</questdb.version>.*:\1:p' "$ROOT/pom.xml")"
  [ -n "$version" ] || die "questdb.version not found in $ROOT/pom.xml"
  jar="$RUN_DIR/lib/questdb-$version.jar"
  if [ ! -f "$jar" ]; then
    command -v mvn >/dev/null || die "mvn is needed to fetch org.questdb:questdb:$version"
    log "fetching org.questdb:questdb:$version"
    (cd "$RUN_DIR" && mvn -q -B -ntp -Dstyle.color=never dependency:copy -Dartifact="org.questdb:questdb:$version" -DoutputDirectory="$RUN_DIR/lib" \
      -Dmdep.overWriteIfNewer=true >/dev/null) || die "could not fetch org.questdb:questdb:$version"
  fi
  mkdir -p "$dir"
  (cd "$dir" || exit 1; QDB_HTTP_BIND_TO="127.0.0.1:$QDB_HTTP_PORT" QDB_PG_NET_BIND_TO="127.0.0.1:$QDB_PG_PORT" \
     QDB_LINE_TCP_NET_BIND_TO="127.0.0.1:$QDB_ILP_PORT" QDB_HTTP_MIN_NET_BIND_TO="127.0.0.1:$QDB_MIN_PORT" \
     QDB_LINE_UDP_ENABLED=false QDB_TELEMETRY_ENABLED=false \
     nohup java ${CIFT_QDB_JAVA_OPTS:--Xmx2g} -cp "$jar" io.questdb.ServerMain -d "$dir" \
     > "$dir.out" 2>&1 < /dev/null & echo $! > "$dir.pid")
  wait_for questdb 60 qdb_up
  log "questdb $version ready on 127.0.0.1:$QDB_HTTP_PORT (http, ILP), pg wire $QDB_PG_PORT, data $dir"
}
qdb_stop() {
  local dir="$RUN_DIR/questdb-$QDB_HTTP_PORT" pid
  # QuestDB owns its root directory: the pid file sits beside it
  for pid in $(cat "$dir.pid" 2>/dev/null) $(pgrep -f "io.questdb.ServerMain -d $dir\$" || true); do
    kill -s "${STOP_SIGNAL:-TERM}" "$pid" 2>/dev/null || true
    for ((i = 0; i < 300; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  done
  rm -f "$dir.pid"
  log "questdb stopped"
}

cmd="${1:-}"
shift || true
[ $# -gt 0 ] || set -- postgres clickhouse
mkdir -p "$RUN_DIR"
for svc in "$@"; do
  case "$svc" in
    postgres) f=pg ;;
    clickhouse) f=ch ;;
    clickhouse-current) f=chc ;;
    nats-cluster) f=ncl ;;
    clickhouse-cluster) f=chcl ;;
    zookeeper) f=zk ;;
    nats-[123]) f=ncl_one; NODE=${svc#nats-} ;;
    redis) f=redis ;;
    nats) f=nats ;;
    questdb) f=qdb ;;
    *) die "unknown service '$svc' (postgres, clickhouse, clickhouse-current, clickhouse-cluster, zookeeper, redis, nats, nats-cluster, nats-1..3, questdb)" ;;
  esac
  if [ "$f" = ncl_one ]; then
    case "$cmd" in
      start) ncl_start_one "$NODE"; ncl_wait_one "$NODE" ;;
      stop) ncl_stop_one "$NODE" ;;
      kill) STOP_SIGNAL=KILL ncl_stop_one "$NODE" ;;
      status) if ncl_up_one "$NODE"; then echo "$svc: up"; else echo "$svc: down"; fi ;;
      *) die "usage: scripts/services.sh start|stop|kill|status nats-N" ;;
    esac
    continue
  fi
  case "$cmd" in
    start) "${f}_start" ;;
    stop) "${f}_stop" ;;
    kill) case "$svc" in
            clickhouse|clickhouse-current|questdb) STOP_SIGNAL=KILL "${f}_stop" ;;
            *) die "kill supports clickhouse and questdb; use stop for $svc" ;;
          esac ;;
    status) if "${f}_up" >/dev/null 2>&1; then echo "$svc: up"; else echo "$svc: down"; fi ;;
    *) die "usage: scripts/services.sh start|stop|kill|status [postgres|clickhouse|clickhouse-current|redis|nats|questdb ...]" ;;
  esac
done
