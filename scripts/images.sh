#!/usr/bin/env bash
# Builds the container images CIFT's integration tests can run their servers in, from Debian's packages,
# with no image registry: a base image per Debian release made with debootstrap, and a service image per
# server on top of it. Also starts and stops a local Docker engine for them.
#   scripts/images.sh build [IMAGE ...]    build what is missing or changed (default: all; see list)
#   scripts/images.sh list                 the images, their Debian release and whether they are built
#   scripts/images.sh engine-start         start dockerd (installing docker.io) unless an engine answers
#   scripts/images.sh engine-stop          stop the dockerd this script started, and restore the firewall rules
#                                          and ip_forward it found (dockerd changes them)
#   scripts/images.sh clean                remove the images and test containers this project made, nothing else
#   scripts/images.sh clean-containers     remove only the test containers and networks (label io.cift.test=1) a run left
# Each image carries a label with a hash of what it is built from (Dockerfile, arguments, base image), so a
# second build is instant. Published ports stay on 127.0.0.1: dockerd runs with --ip=127.0.0.1.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DIR="$ROOT/scripts/images"
STATE="${CIFT_IMAGES_STATE:-/var/tmp/cift-images}"
LABEL=io.cift.images
HASH_LABEL=io.cift.hash
log() { echo "images: $*" >&2; }
die() { echo "images: $*" >&2; exit 1; }

# name | Debian release | Dockerfile | build arguments
IMAGES="
cift/postgres:15|bookworm|postgres|VERSION=15
cift/redis:7|bookworm|redis|
cift/nats:2.9|bookworm|nats|
cift/clickhouse:18.16|bookworm|clickhouse|
cift/zookeeper:3.8|bookworm|zookeeper|
cift/postgres:17|trixie|postgres|VERSION=17
cift/redis:8|trixie|redis|
cift/nats:2.10|trixie|nats|
cift/valkey:8|trixie|redis|PACKAGE=valkey-server SERVER=valkey-server
"

mirror() {
  local m
  m=$(grep -hs '^URIs:' /etc/apt/sources.list.d/debian.sources | head -1 | awk '{print $2}')
  [ -n "$m" ] || m=$(grep -hs '^deb ' /etc/apt/sources.list | grep -v security | head -1 | awk '{print $2}')
  echo "${m:-http://deb.debian.org/debian}"
}

apt_install() {
  log "installing $*"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

engine_up() { docker info >/dev/null 2>&1; }

engine_start() {
  if engine_up; then log "a Docker engine answers"; return; fi
  command -v dockerd >/dev/null || apt_install docker.io
  mkdir -p "$STATE"
  iptables-save > "$STATE/iptables.before" 2>/dev/null || true
  cat /proc/sys/net/ipv4/ip_forward > "$STATE/ip_forward.before" 2>/dev/null || true
  ip link show docker0 >/dev/null 2>&1 || : > "$STATE/docker0.absent"   # remove it at engine-stop only if it was not there
  log "starting dockerd (published ports on 127.0.0.1 only; log in $STATE/dockerd.log)"
  nohup dockerd --host unix:///var/run/docker.sock --ip=127.0.0.1 > "$STATE/dockerd.log" 2>&1 < /dev/null &
  echo $! > "$STATE/dockerd.pid"
  local i
  for ((i = 0; i < 300; i++)); do engine_up && { log "dockerd ready"; return; }; sleep 0.1; done
  die "dockerd did not answer within 30 s (see $STATE/dockerd.log)"
}

engine_stop() {
  [ -f "$STATE/dockerd.pid" ] || { log "no dockerd started by this script"; return; }
  local pid
  pid=$(cat "$STATE/dockerd.pid")
  kill "$pid" 2>/dev/null || true
  for ((i = 0; i < 200; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  rm -f "$STATE/dockerd.pid"
  # back to the rules found before dockerd: clear what it added (its chains, its NAT rules, the FORWARD
  # policy), then load the saved rules, if there were any
  if command -v iptables >/dev/null; then
    local t
    for t in filter nat; do iptables -t "$t" -F 2>/dev/null || true; iptables -t "$t" -X 2>/dev/null || true; done
    iptables -P FORWARD ACCEPT 2>/dev/null || true
    if [ -s "$STATE/iptables.before" ]; then iptables-restore < "$STATE/iptables.before" || log "could not restore the firewall rules"; fi
  fi
  if [ -s "$STATE/ip_forward.before" ]; then cat "$STATE/ip_forward.before" > /proc/sys/net/ipv4/ip_forward || true; fi
  # and the bridge it made (dockerd leaves docker0 behind when it exits)
  if [ -f "$STATE/docker0.absent" ] && ip link show docker0 >/dev/null 2>&1; then
    ip link delete docker0 2>/dev/null || log "could not remove the docker0 bridge"
  fi
  rm -f "$STATE/docker0.absent"
  log "dockerd stopped; firewall rules and ip_forward restored"
}

hash_of() { sha256sum | cut -c1-16; }
image_hash() { docker image inspect -f "{{ index .Config.Labels \"$HASH_LABEL\" }}" "$1" 2>/dev/null || true; }

base() { # suite
  local suite=$1 tag="cift/debian:$1" m h
  m=$(mirror)
  h=$(printf 'debootstrap minbase %s %s v1' "$suite" "$m" | hash_of)
  if [ "$(image_hash "$tag")" = "$h" ]; then return; fi
  command -v debootstrap >/dev/null || apt_install debootstrap
  local rootfs
  rootfs=$(mktemp -d "${TMPDIR:-/tmp}/cift-rootfs-$suite.XXXXXX")
  log "debootstrap $suite from $m (about 35 s)"
  debootstrap --variant=minbase "$suite" "$rootfs" "$m" > "$rootfs.log" 2>&1 || { tail -5 "$rootfs.log" >&2; rm -rf "$rootfs"; die "debootstrap $suite failed"; }
  tar -C "$rootfs" -c . | docker import -c 'CMD ["/bin/bash"]' -c "LABEL $LABEL=1 $HASH_LABEL=$h" - "$tag" >/dev/null
  rm -rf "$rootfs" "$rootfs.log"
  log "built $tag"
}

build_one() { # name suite dockerfile args
  local name=$1 suite=$2 file=$3 args=$4 h base_id a
  base "$suite"
  base_id=$(docker image inspect -f '{{.Id}}' "cift/debian:$suite")
  h=$( { cat "$DIR/$file.Dockerfile"; [ "$file" = clickhouse ] && cat "$DIR"/clickhouse-*.xml; echo "$args $base_id"; } | hash_of)
  if [ "$(image_hash "$name")" = "$h" ]; then log "$name is up to date"; return; fi
  local build_args=(--build-arg "BASE=cift/debian:$suite")
  for a in $args; do build_args+=(--build-arg "$a"); done
  log "building $name ($suite)"
  mkdir -p "$STATE"
  docker build -q -f "$DIR/$file.Dockerfile" "${build_args[@]}" --label "$LABEL=1" --label "$HASH_LABEL=$h" -t "$name" "$DIR" \
      > "$STATE/build.log" 2>&1 || { tail -20 "$STATE/build.log" >&2; die "building $name failed"; }
}

build() {
  engine_up || die "no Docker engine answers: scripts/images.sh engine-start"
  local want=("$@") line name suite file args
  while IFS='|' read -r name suite file args; do
    [ -n "$name" ] || continue
    if [ ${#want[@]} -gt 0 ] && [[ " ${want[*]} " != *" $name "* ]]; then continue; fi
    build_one "$name" "$suite" "$file" "$args"
  done <<< "$IMAGES"
}

list() {
  local name suite file args state
  while IFS='|' read -r name suite file args; do
    [ -n "$name" ] || continue
    state=missing
    engine_up && docker image inspect "$name" >/dev/null 2>&1 && state=built
    printf '%-22s %-9s %s\n' "$name" "$suite" "$state"
  done <<< "$IMAGES"
}

clean() {
  engine_up || { log "no Docker engine answers: nothing to clean"; return; }
  docker ps -aq --filter "label=io.cift.test=1" | xargs -r docker rm -f >/dev/null
  docker network ls -q --filter "label=io.cift.test=1" | xargs -r docker network rm >/dev/null
  docker images -q --filter "label=$LABEL=1" | sort -u | xargs -r docker rmi -f >/dev/null 2>&1 || true
  log "removed the images and test containers labelled by this project"
}

clean_containers() {
  engine_up || return 0
  docker ps -aq --filter "label=io.cift.test=1" | xargs -r docker rm -f >/dev/null
  docker network ls -q --filter "label=io.cift.test=1" | xargs -r docker network rm >/dev/null
}

case "${1:-}" in
  build) shift; build "$@" ;;
  clean-containers) clean_containers ;;
  list) list ;;
  engine-start) engine_start ;;
  engine-stop) engine_stop ;;
  clean) clean ;;
  *) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
