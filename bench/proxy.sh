#!/usr/bin/env bash
# The Service Connect data plane on loopback, in one run, printed as one table:
#  (a) latency at a constant 1000 req/s, 1 KiB responses: client -> server direct, and through a Mooring client+server
#      proxy pair (egress listener -> ingress listener -> server), and through a pair of HAProxy frontends as the
#      reference for what two hops cost on this machine; p50/p99 with coordinated omission corrected;
#  (b) throughput of one Mooring HTTP proxy and of HAProxy in front of the same server: wrk, 64 keep-alive
#      connections, fixed duration;
#  (c) the data plane's CPU seconds per 1000 requests (utime+stime of the proxy JVM from /proc/<pid>/stat).
# Usage: bench/proxy.sh [seconds=10] [jfr]   ("jfr" also records a JFR profile of the proxy JVM under bench/target)
# Bounded: every phase has a fixed duration; all traffic stays on 127.0.0.0/8.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
secs="${1:-10}"; profile="${2:-}"
. "$root/scripts/jdk.sh"
need=()
command -v wrk >/dev/null || need+=(wrk)
command -v haproxy >/dev/null || need+=(haproxy)
if [ ${#need[@]} -gt 0 ]; then
  echo "installing ${need[*]}" >&2
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}") >/dev/null
fi
if [ ! -f "$root/bench/target/lib/mooring-proxy-0.1.0-SNAPSHOT.jar" ] || [ -n "${REBUILD:-}" ]; then
  (cd "$root" && MAVEN_OPTS=--sun-misc-unsafe-memory-access=allow mvn -B -o -q -pl bench -am install -DskipTests)
fi
cp="$root/bench/target/mooring-bench-0.1.0-SNAPSHOT.jar:$root/bench/target/lib/*"
jvm=("$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow
     -Dio.netty.leakDetection.level=disabled -XX:+UseParallelGC -Xms64m -Xmx256m -cp "$cp")
work="$(mktemp -d)"; pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
port=$((20000 + RANDOM % 20000)); bport=$((port + 1)); hport=$((port + 2))
backend_ip=127.0.0.2; egress_ip=127.0.0.3; ingress_ip=127.0.0.4; single_ip=127.0.0.5; haproxy_ip=127.0.0.6
hpair_out_ip=127.0.0.7; hpair_in_ip=127.0.0.8   # an HAProxy pair, the reference for the latency the pair adds
wait_port() { for _ in $(seq 200); do (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null && return 0; sleep 0.05; done; echo "nothing on $1:$2" >&2; exit 1; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
sys_ticks() { awk '{print $15}' "/proc/$1/stat"; }

"${jvm[@]}" dev.mooring.bench.ProxyBench backend "$backend_ip" "$bport" >"$work/backend.log" 2>&1 & pids+=($!)
jfr=()
[ "$profile" = jfr ] && jfr=(-XX:StartFlightRecording=filename="$root/bench/target/proxy.jfr",settings=profile)
"${jvm[@]}" "${jfr[@]}" dev.mooring.bench.ProxyBench proxies "$egress_ip" "$ingress_ip" "$single_ip" "$port" \
  "$backend_ip" "$bport" >"$work/proxy.log" 2>&1 & proxy_pid=$!; pids+=($proxy_pid)
cat >"$work/haproxy.cfg" <<CFG
global
  nbthread 2
defaults
  mode http
  timeout connect 5s
  timeout client 30s
  timeout server 30s
frontend bench
  bind $haproxy_ip:$hport
  default_backend app
backend app
  server app $backend_ip:$bport
frontend pair_egress
  bind $hpair_out_ip:$hport
  default_backend pair_hop
backend pair_hop
  server ingress $hpair_in_ip:$hport
frontend pair_ingress
  bind $hpair_in_ip:$hport
  default_backend app
CFG
haproxy -db -f "$work/haproxy.cfg" >"$work/haproxy.log" 2>&1 & pids+=($!)
wait_port "$backend_ip" "$bport"; wait_port "$egress_ip" "$port"; wait_port "$single_ip" "$port"; wait_port "$haproxy_ip" "$hport"
wait_port "$hpair_out_ip" "$hport"

load() { "${jvm[@]}" dev.mooring.bench.ProxyBench latency "$1" 1000 2 "$2" 16; }
wrk_run() { wrk -t2 -c64 -d"$2"s --latency "$1" 2>&1; }
rps() { sed -n 's/^Requests\/sec: *\([0-9.]*\).*/\1/p'; }
total() { sed -n 's/^ *\([0-9]*\) requests in.*/\1/p'; }
non2xx() { sed -n 's/^ *Non-2xx or 3xx responses: *\([0-9]*\).*/\1/p'; }

# warm-up: JIT for the proxies and the load generator
load "http://$egress_ip:$port/" 5 >/dev/null
wrk_run "http://$single_ip:$port/" 5 >/dev/null
wrk_run "http://$haproxy_ip:$hport/" 2 >/dev/null
load "http://$hpair_out_ip:$hport/" 2 >/dev/null

read -r d50 d99 dmax dn derr _ < <(load "http://$backend_ip:$bport/" "$secs")
c0=$(cpu_ticks "$proxy_pid"); s0=$(sys_ticks "$proxy_pid")
read -r p50 p99 pmax pn perr psent < <(load "http://$egress_ip:$port/" "$secs")
c1=$(cpu_ticks "$proxy_pid"); s1=$(sys_ticks "$proxy_pid")
read -r h50 h99 hmax hn herr _ < <(load "http://$hpair_out_ip:$hport/" "$secs")
mooring_out="$(wrk_run "http://$single_ip:$port/" "$secs")"
c2=$(cpu_ticks "$proxy_pid")
haproxy_out="$(wrk_run "http://$haproxy_ip:$hport/" "$secs")"

hz=$(getconf CLK_TCK)
m_rps=$(rps <<<"$mooring_out"); h_rps=$(rps <<<"$haproxy_out")
m_n=$(total <<<"$mooring_out"); m_bad=$(non2xx <<<"$mooring_out"); h_bad=$(non2xx <<<"$haproxy_out")
# the CPU window covers the run's warm-up too: divide by every request sent, not only the measured ones
pair_cpu=$(awk -v a="$c0" -v b="$c1" -v hz="$hz" -v n="$psent" 'BEGIN{printf "%.3f", (b-a)/hz/n*1000}')
pair_sys=$(awk -v a="$c0" -v b="$c1" -v x="$s0" -v y="$s1" 'BEGIN{printf "%.0f%%", (b-a) ? (y-x)*100/(b-a) : 0}')
single_cpu=$(awk -v a="$c1" -v b="$c2" -v hz="$hz" -v n="$m_n" 'BEGIN{printf "%.3f", (b-a)/hz/n*1000}')
ms() { awk -v u="$1" 'BEGIN{printf "%.3f", u/1000}'; }
add() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%+.3f", (a-b)/1000}'; }

echo
echo "Mooring data plane on loopback: $(nproc) cores (shared with the load generator, backend and wrk), ${secs}s per phase, $(date -u +%FT%TZ)"
printf '%-58s %14s %14s %10s\n' "measurement" "Mooring" "reference" "goal"
printf '%-58s %14s %14s %10s\n' "latency p50 at 1000 req/s, 1 KiB (ms): pair vs direct" "$(ms "$p50")" "$(ms "$d50")" ""
printf '%-58s %14s %14s %10s\n' "  added by the egress+ingress pair, p50 (ms): vs HAProxy pair" "$(add "$p50" "$d50")" "$(add "$h50" "$d50")" "<= 0.3"
printf '%-58s %14s %14s %10s\n' "latency p99 (ms): pair vs direct" "$(ms "$p99")" "$(ms "$d99")" ""
printf '%-58s %14s %14s %10s\n' "  added by the pair, p99 (ms): vs HAProxy pair" "$(add "$p99" "$d99")" "$(add "$h99" "$d99")" "<= 1"
printf '%-58s %14s %14s %10s\n' "latency max (ms): pair vs direct" "$(ms "$pmax")" "$(ms "$dmax")" ""
printf '%-58s %14s %14s %10s\n' "requests / errors in the latency runs: pair vs direct" "$pn/$perr" "$dn/$derr" ""
printf '%-58s %14s %14s %10s\n' "  the HAProxy pair's requests / errors" "" "$hn/$herr" ""
printf '%-58s %14s %14s %10s\n' "throughput, 64 conns (req/s): Mooring proxy vs HAProxy" "$m_rps" "$h_rps" ">= HAProxy"
printf '%-58s %14s %14s %10s\n' "  non-2xx responses in the throughput runs" "${m_bad:-0}" "${h_bad:-0}" "0"
printf '%-58s %14s %14s %10s\n' "CPU-s per 1000 req, pair at 1000 req/s (two proxy hops)" "$pair_cpu" "" ""
printf '%-58s %14s %14s %10s\n' "  share of it in the kernel (stime)" "$pair_sys" "" ""
printf '%-58s %14s %14s %10s\n' "CPU-s per 1000 req, single proxy under wrk" "$single_cpu" "" "<= 0.15"
printf '%-58s %14s %14s %10s\n' "proxy JVM RSS after the run (MiB)" "$(( $(awk '/VmRSS/{print $2}' "/proc/$proxy_pid/status") / 1024 ))" "" "<= 256"
