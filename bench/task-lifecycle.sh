#!/usr/bin/env bash
# Task lifecycle of the process runtime, as root: CreateService -> RUNNING (mooring/exec sleep vs redis:7), kill -9
# -> replacement RUNNING, server RSS idle vs with N tasks, and TaskNetworks open/close cost per task.
# Usage: sudo bench/task-lifecycle.sh [starts=5] [kills=3] [tasks=10] [netns=20]
# Uses bridges mbench0 (198.19.200.0/24, server) and mbench1 (198.19.201.0/24, TaskNetworks alone) and temp state
# dirs; everything it starts is stopped by PID on exit, and both bridges are gone afterwards.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
starts="${1:-5}"; kills="${2:-3}"; tasks="${3:-10}"; netns="${4:-20}"
if [ "$(id -u)" -ne 0 ]; then
  echo "task-lifecycle: needs root (tasks run in network namespaces on a bridge); run: sudo $0 $*" >&2
  exit 1
fi
server_bridge=mbench0; server_cidr=198.19.200.0/24
netns_bridge=mbench1; netns_cidr=198.19.201.0/24
"$root/mooring" --version >/dev/null            # builds the server if needed and finds the JDK
. "$root/scripts/jdk.sh"
classpath="$root/bench/target/mooring-bench-0.1.0-SNAPSHOT.jar:$root/bench/target/lib/*"
java=("$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -cp "$classpath")
work="$(mktemp -d)"; mkdir "$work/server" "$work/netns"
chmod 755 "$work" "$work/server"   # containers run as unprivileged users and need to reach their programs in it
port=$((20000 + RANDOM % 20000))
server=""; driver=""

# Stops by PID what this script started (the JVMs tear their own networks down on SIGTERM), then removes whatever
# a JVM that died hard left of its bridge and the namespaces its state file lists.
cleanup() {
  trap - EXIT INT TERM
  for pid in $driver $server; do
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  for dir in "$work/server" "$work/netns"; do
    [ -f "$dir/networks.json" ] || continue
    echo "task-lifecycle: removing what $dir/networks.json still lists" >&2
    for ns in $(jq -r '.tasks[].netns' "$dir/networks.json"); do
      ip netns pids "$ns" 2>/dev/null | xargs -r kill -9
      ip netns del "$ns" 2>/dev/null || true
      rm -rf "/etc/netns/$ns"
    done
  done
  for bridge in "$server_bridge" "$netns_bridge"; do
    lock="/run/mooring/$bridge.lock"
    if [ -s "$lock" ] && kill -0 "$(cat "$lock")" 2>/dev/null; then
      continue    # a live process of someone else's run owns this bridge; not ours to touch
    fi
    if ip link show "$bridge" >/dev/null 2>&1; then
      echo "task-lifecycle: bridge $bridge was still there; deleting it" >&2
      ip link del "$bridge"
    fi
    rm -f "$lock"
  done
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "Mooring task lifecycle, runtime process, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
"${java[@]}" dev.mooring.bench.NetnsCost "$netns_bridge" "$netns_cidr" "$work/netns" "$netns" &
driver=$!; wait "$driver"; driver=""
echo

"$root/mooring" server --runtime process --bridge "$server_bridge" --task-cidr "$server_cidr" --port "$port" \
  --state-dir "$work/server" >"$work/server.log" 2>&1 &
server=$!
for _ in $(seq 150); do curl -sf "http://127.0.0.1:$port/_mooring/health" >/dev/null && break; sleep 0.2; done
curl -sf "http://127.0.0.1:$port/_mooring/health" >/dev/null \
  || { echo "task-lifecycle: the server did not come up; its log:" >&2; cat "$work/server.log" >&2; exit 1; }
"${java[@]}" dev.mooring.bench.TaskLifecycle "http://127.0.0.1:$port/" "$server" "$starts" "$kills" "$tasks" &
driver=$!
if ! wait "$driver"; then
  driver=""; log="$(mktemp --suffix=-mooring-server.log)"; cp "$work/server.log" "$log"
  echo "task-lifecycle: the driver failed; the server log is kept in $log" >&2
  exit 1
fi
driver=""
