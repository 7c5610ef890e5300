#!/usr/bin/env bash
# Start-up time and memory of the YELB sample's two JVMs, with the small-heap flags the image catalog uses and with
# the JVM's defaults: time from exec to the first answer, RSS when idle and after a hey burst (Redis-backed
# /api/pageviews on the app server; the UI's page and its /api proxy). Loopback only.
# Usage: samples/yelb/bench/startup.sh [RUNS=5] [REQUESTS=5000]   (build first: mvn -pl samples/yelb -am package)
set -euo pipefail
runs=${1:-5} requests=${2:-5000}
here=$(cd "$(dirname "$0")/.." && pwd)
java=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
cp="$here/target/mooring-sample-yelb-0.1.0-SNAPSHOT.jar:$here/target/lib/*"
[ -f "${cp%%:*}" ] || { echo "build the sample first: mvn -pl samples/yelb -am package -DskipTests" >&2; exit 1; }
command -v hey >/dev/null || { echo "needs hey" >&2; exit 1; }
small=(-Xmx32m -Xss256k -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 -XX:ReservedCodeCacheSize=16m
       -XX:MaxMetaspaceSize=64m -XX:-UsePerfData)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
rss_mb() { awk '/VmRSS/ {printf "%.1f", $2/1024}' "/proc/$1/status"; }
now_ms() { date +%s%3N; }

redis_port=$(free_port)
redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no >/dev/null &
pids+=($!)

# start ROLE PORT URL FLAGS... -> prints "ms pid"
start() {
  local role=$1 port=$2 url=$3; shift 3
  local t0; t0=$(now_ms)
  APP_PORT=$port UI_PORT=$port YELB_REDIS_SERVER=127.0.0.1 YELB_REDIS_SERVER_PORT=$redis_port \
    APP_SERVER=127.0.0.1 APP_SERVER_PORT=${APPSERVER_PORT:-1} YELB_DB_SERVER=127.0.0.1 YELB_DB_SERVER_PORT=1 \
    "$java" "$@" -cp "$cp" dev.mooring.samples.yelb.Main "$role" >/dev/null 2>&1 &
  local pid=$!
  for _ in $(seq 1 1000); do
    curl -sf -o /dev/null "$url" && break
    sleep 0.005
  done
  echo "$(( $(now_ms) - t0 )) $pid"
}

measure() {
  local label=$1; shift
  local app_ms=() ui_ms=() line
  for i in $(seq 1 "$runs"); do
    local ap up
    ap=$(free_port)
    read -r ms app_pid <<<"$(start appserver "$ap" "http://127.0.0.1:$ap/api/hostname" "$@")"; app_ms+=("$ms")
    up=$(free_port)
    read -r ms ui_pid <<<"$(APPSERVER_PORT=$ap start ui "$up" "http://127.0.0.1:$up/" "$@")"; ui_ms+=("$ms")
    if [ "$i" = "$runs" ]; then
      sleep 1
      app_idle=$(rss_mb "$app_pid"); ui_idle=$(rss_mb "$ui_pid")
      hey -n "$requests" -c 50 "http://127.0.0.1:$ap/api/pageviews" >/dev/null
      hey -n "$requests" -c 50 "http://127.0.0.1:$up//api/hostname" >/dev/null
      hey -n "$requests" -c 50 "http://127.0.0.1:$up/" >/dev/null
      app_load=$(rss_mb "$app_pid"); ui_load=$(rss_mb "$ui_pid")
    fi
    kill "$app_pid" "$ui_pid"; wait "$app_pid" "$ui_pid" 2>/dev/null || true
  done
  median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
  printf '%-10s %-9s %8s %10s %12s\n' "$label" appserver "$(median "${app_ms[@]}")" "$app_idle" "$app_load"
  printf '%-10s %-9s %8s %10s %12s\n' "$label" ui "$(median "${ui_ms[@]}")" "$ui_idle" "$ui_load"
}

printf '%-10s %-9s %8s %10s %12s\n' flags role "start ms" "idle MiB" "loaded MiB"
measure small "${small[@]}"
measure default
