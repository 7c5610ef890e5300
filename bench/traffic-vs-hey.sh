#!/usr/bin/env bash
# `mooring traffic` against hey, both driving the same HAProxy that answers 200 "ok" by itself on 127.0.0.1.
# Usage: bench/traffic-vs-hey.sh [seconds=10] [workers=50] [rate-per-worker=100]
# Prints one table: closed loop (as fast as answers come) and a constant rate, requests/s, p50/p99 and the
# client's CPU seconds per 1000 requests. At a constant rate `mooring traffic` counts latency from each request's
# intended send time (coordinated omission corrected) and hey does not, so their p99s measure different things.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
secs="${1:-10}"; workers="${2:-50}"; rate="${3:-100}"
"$root/mooring" --version >/dev/null            # builds if needed
command -v hey >/dev/null || { echo "hey is needed (apt-get install hey)" >&2; exit 1; }
if ! command -v haproxy >/dev/null; then
  [ "$(id -u)" = 0 ] || { echo "haproxy is needed (apt-get install haproxy)" >&2; exit 1; }
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq haproxy) >/dev/null
fi
work="$(mktemp -d)"; port=$((20000 + RANDOM % 20000))
cat >"$work/haproxy.cfg" <<CFG
global
  maxconn 4096
defaults
  mode http
  timeout client 30s
  timeout server 30s
  timeout connect 5s
frontend answer
  bind 127.0.0.1:$port
  http-request return status 200 content-type text/plain string "ok"
CFG
haproxy -f "$work/haproxy.cfg" -D -p "$work/haproxy.pid"
trap 'kill "$(cat "$work/haproxy.pid")" 2>/dev/null; rm -rf "$work"' EXIT
url="http://127.0.0.1:$port/"

# run NAME MODE ARGS...: one line of the table; the client's CPU comes from /usr/bin/time
run() {
  local name="$1" mode="$2"; shift 2
  /usr/bin/time -f "%U %S" -o "$work/cpu" "$@" >"$work/out" 2>/dev/null
  local rps p50 p99 n cpu
  rps=$(awk '/Requests\/sec:/{print $2}' "$work/out")
  p50=$(awk '/ 50% in /{print $3*1000}' "$work/out")
  p99=$(awk '/ 99% in /{print $3*1000}' "$work/out")
  n=$(awk '/responses$/{s+=$2} END{print s+0}' "$work/out")
  cpu=$(awk '{print $1+$2}' "$work/cpu")
  printf "%-16s %-22s %10.0f %9.2f %9.2f %12.3f\n" "$name" "$mode" "$rps" "$p50" "$p99" \
    "$(awk -v c="$cpu" -v n="$n" 'BEGIN{print n ? c*1000/n : 0}')"
}
echo "HAProxy answering on $url, $(nproc) cores, ${secs}s per run, $workers workers"
printf "%-16s %-22s %10s %9s %9s %12s\n" client mode "req/s" "p50 ms" "p99 ms" "CPU s/1000"
run "mooring traffic" "closed loop" "$root/mooring" traffic -z "${secs}s" -c "$workers" "$url"
run "hey" "closed loop" hey -z "${secs}s" -c "$workers" "$url"
run "mooring traffic" "$((workers * rate))/s (CO corrected)" "$root/mooring" traffic -z "${secs}s" -c "$workers" -q "$rate" "$url"
run "hey" "$((workers * rate))/s" hey -z "${secs}s" -c "$workers" -q "$rate" "$url"
echo "CPU includes the JVM's start and warm-up for mooring traffic (about 1-2 s of CPU)."
