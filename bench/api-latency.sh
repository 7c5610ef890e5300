#!/usr/bin/env bash
# CreateService / DescribeServices latency of the control plane, simulated runtime, growing to N services.
# Usage: bench/api-latency.sh [services=1000] [describes=2000]
# Prints a table comparing an almost empty control plane with a full one, measured in the same run.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
services="${1:-1000}"; describes="${2:-2000}"
"$root/mooring" --version >/dev/null            # builds the server if needed and finds the JDK
. "$root/scripts/jdk.sh"
state="$(mktemp -d)"; port=$((20000 + RANDOM % 20000))
"$root/mooring" server --runtime simulated --port "$port" --state-dir "$state" >"$state/server.log" 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true; rm -rf "$state"' EXIT
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/_mooring/health" >/dev/null && break; sleep 0.2; done
echo "Mooring control plane, runtime simulated, $(nproc) cores, one client, sequential calls"
"$JAVA_HOME/bin/java" -cp "$root/bench/target/mooring-bench-0.1.0-SNAPSHOT.jar:$root/bench/target/lib/*" \
  dev.mooring.bench.ApiLatency "http://127.0.0.1:$port/" "$services" "$describes"
echo "server RSS after the run: $(( $(awk '/VmRSS/{print $2}' /proc/$pid/status) / 1024 )) MiB"
