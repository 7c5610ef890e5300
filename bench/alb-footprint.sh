#!/usr/bin/env bash
# Two benchmark figures of issues 7 and 8 that bench/proxy.sh does not give, in one run, printed as one table:
#  (a) the Mooring ALB listener (an internet-facing load balancer's loopback listener, ALB policies, a real server
#      with the simulated runtime) versus HAProxy, in front of the same 1 KiB backend: throughput with wrk, 64
#      keep-alive connections; and the latency the listener adds at a constant 1000 req/s (p50/p99, coordinated
#      omission corrected, bench/src ProxyBench latency) over the backend reached directly;
#  (b) the server's RSS with a YELB-sized Service Connect setup: 8 tasks (6 Python web servers and 2 clients, all in
#      one Service Connect namespace), idle and while one client task sends 1000 GET/s through the alias.
# Usage: sudo bench/alb-footprint.sh [seconds=10]
# Bounded: every phase has a fixed duration; traffic stays on 127.0.0.0/8 and the bridge mfoot0 (198.19.211.0/24).
# The machine may be shared: the load average is printed beside the figures.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
secs="${1:-10}"
if [ "$(id -u)" -ne 0 ]; then echo "alb-footprint: needs root (part b runs tasks); run: sudo $0 $*" >&2; exit 1; fi
. "$root/scripts/jdk.sh"
need=()
command -v wrk >/dev/null || need+=(wrk)
command -v haproxy >/dev/null || need+=(haproxy)
if [ ${#need[@]} -gt 0 ]; then
  echo "installing ${need[*]}" >&2
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}") >/dev/null
fi
"$root/mooring" --version >/dev/null            # builds the CLI if needed
if [ ! -f "$root/bench/target/mooring-bench-0.1.0-SNAPSHOT.jar" ] || [ -n "${REBUILD:-}" ]; then
  (cd "$root" && MAVEN_OPTS=--sun-misc-unsafe-memory-access=allow mvn -B -o -q -pl bench -am package -DskipTests)
fi
cp="$root/bench/target/mooring-bench-0.1.0-SNAPSHOT.jar:$root/bench/target/lib/*"
jvm=("$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow
     -Dio.netty.leakDetection.level=disabled -XX:+UseParallelGC -Xms64m -Xmx256m -cp "$cp")
work="$(mktemp -d)"; chmod 755 "$work"; pids=()
export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_DEFAULT_REGION=us-east-1 AWS_PAGER=""
cleanup() {
  trap - EXIT INT TERM
  for p in "${pids[@]}"; do
    kill "$p" 2>/dev/null || true
    for _ in $(seq 150); do kill -0 "$p" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$p" 2>/dev/null || true
  done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
wait_port() { for _ in $(seq 200); do (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null && return 0; sleep 0.05; done; echo "nothing on $1:$2" >&2; exit 1; }
rss_mib() { awk '/VmRSS/{printf "%d", $2 / 1024}' "/proc/$1/status"; }
start_server() {   # name port args...: a `mooring server` JVM (the launcher execs java, so $! is the server)
  local name=$1 port=$2; shift 2
  "$root/mooring" server --port "$port" --state-dir "$work/$name" "$@" >"$work/$name.log" 2>&1 & pids+=($!)
  for _ in $(seq 300); do curl -sf "http://localhost:$port/_mooring/health" >/dev/null && break; sleep 0.2; done
  curl -sf "http://localhost:$port/_mooring/health" >/dev/null || { echo "server $name did not start" >&2; tail "$work/$name.log" >&2; exit 1; }
}
load_start=$(cut -d' ' -f1-3 /proc/loadavg)

# ---- (a) the ALB listener versus HAProxy
port=$((20000 + RANDOM % 20000)); bport=$((port + 1)); hport=$((port + 2))
backend_ip=127.0.0.2; haproxy_ip=127.0.0.6
"${jvm[@]}" dev.mooring.bench.ProxyBench backend "$backend_ip" "$bport" >"$work/backend.log" 2>&1 & pids+=($!)
start_server alb "$port" --runtime simulated --lb-ports 19600-19699; alb_server=${pids[-1]}
aws() { command aws --endpoint-url "http://localhost:$port" --output json "$@"; }
lb_arn=$(aws elbv2 create-load-balancer --name bench --scheme internet-facing --type application \
  --query 'LoadBalancers[0].LoadBalancerArn' --output text)
tg_arn=$(aws elbv2 create-target-group --name bench --protocol HTTP --port "$bport" --vpc-id vpc-mooring \
  --target-type ip --health-check-interval-seconds 5 --health-check-timeout-seconds 2 --healthy-threshold-count 2 \
  --query 'TargetGroups[0].TargetGroupArn' --output text)
aws elbv2 register-targets --target-group-arn "$tg_arn" --targets "Id=$backend_ip,Port=$bport" >/dev/null
aws elbv2 create-listener --load-balancer-arn "$lb_arn" --protocol HTTP --port 80 \
  --default-actions "Type=forward,TargetGroupArn=$tg_arn" >/dev/null
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
CFG
haproxy -db -f "$work/haproxy.cfg" >"$work/haproxy.log" 2>&1 & pids+=($!)
wait_port "$backend_ip" "$bport"; wait_port "$haproxy_ip" "$hport"
for _ in $(seq 100); do
  [ "$(aws elbv2 describe-target-health --target-group-arn "$tg_arn" \
       --query 'TargetHealthDescriptions[0].TargetHealth.State' --output text)" = healthy ] && break; sleep 0.3
done
alb=$(curl -sf "http://localhost:$port/_mooring/lb" | jq -r '.loadBalancers[0].listeners[0].loopback')
alb_host=${alb%:*}; alb_port=${alb##*:}
wait_port "$alb_host" "$alb_port"

load() { "${jvm[@]}" dev.mooring.bench.ProxyBench latency "$1" 1000 2 "$2" 16; }
wrk_run() { wrk -t2 -c64 -d"$2"s --latency "$1" 2>&1; }
rps() { sed -n 's/^Requests\/sec: *\([0-9.]*\).*/\1/p'; }
non2xx() { sed -n 's/^ *Non-2xx or 3xx responses: *\([0-9]*\).*/\1/p'; }
# warm-up: JIT for the listener and the load generator
load "http://$alb_host:$alb_port/" 5 >/dev/null
wrk_run "http://$alb_host:$alb_port/" 5 >/dev/null
wrk_run "http://$haproxy_ip:$hport/" 2 >/dev/null
read -r d50 d99 dmax dn derr _ < <(load "http://$backend_ip:$bport/" "$secs")
read -r a50 a99 amax an aerr _ < <(load "http://$alb_host:$alb_port/" "$secs")
alb_out="$(wrk_run "http://$alb_host:$alb_port/" "$secs")"
haproxy_out="$(wrk_run "http://$haproxy_ip:$hport/" "$secs")"
alb_rss=$(rss_mib "$alb_server")
load_a=$(cut -d' ' -f1-3 /proc/loadavg)

# ---- (b) the server's RSS with 8 Service Connect tasks under load
fport=$((port + 3)); cidr=198.19.211.0/24
start_server foot "$fport" --bridge mfoot0 --task-cidr "$cidr" --lb-ports 19700-19799; foot_server=${pids[-1]}
aws() { command aws --endpoint-url "http://localhost:$fport" --output json "$@"; }
cat >"$work/web.py" <<'PY'
import http.server, sys
body = b'x' * 1024
class Hello(http.server.BaseHTTPRequestHandler):
    protocol_version = 'HTTP/1.1'
    disable_nagle_algorithm = True   # headers and body go in two writes: with Nagle, a delayed ACK adds 40 ms
    def do_GET(self):
        self.send_response(200)
        self.send_header('Content-Length', str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def log_message(self, *args):
        pass
http.server.ThreadingHTTPServer(('0.0.0.0', int(sys.argv[1])), Hello).serve_forever()
PY
aws ecs create-cluster --cluster-name foot >/dev/null
aws servicediscovery create-http-namespace --name foot.sc.internal >/dev/null
for _ in $(seq 50); do [ "$(aws servicediscovery list-namespaces --query 'length(Namespaces)')" = 1 ] && break; sleep 0.2; done
aws ecs register-task-definition --family web --network-mode awsvpc --requires-compatibilities FARGATE \
  --cpu 1024 --memory 2048 --container-definitions "[{\"name\":\"web\",\"image\":\"mooring/exec\",\"essential\":true,
    \"cpu\":1024,\"command\":[\"/usr/bin/python3\",\"$work/web.py\",\"8080\"],\"stopTimeout\":2,
    \"portMappings\":[{\"name\":\"http\",\"containerPort\":8080,\"protocol\":\"tcp\",\"appProtocol\":\"http\"}]}]" >/dev/null
aws ecs register-task-definition --family client --network-mode awsvpc --requires-compatibilities FARGATE \
  --cpu 256 --memory 512 --container-definitions '[{"name":"client","image":"mooring/exec","essential":true,
    "command":["sleep","3600"],"stopTimeout":2}]' >/dev/null
aws ecs create-service --cluster foot --service-name web --task-definition web --desired-count 6 --launch-type FARGATE \
  --service-connect-configuration '{"enabled":true,"namespace":"foot.sc.internal","services":[{"portName":"http",
    "discoveryName":"web","clientAliases":[{"port":80,"dnsName":"web"}]}]}' >/dev/null
for _ in $(seq 90); do
  [ "$(aws ecs describe-services --cluster foot --services web --query 'services[0].runningCount')" = 6 ] && break; sleep 1
done
aws ecs create-service --cluster foot --service-name client --task-definition client --desired-count 2 \
  --launch-type FARGATE --service-connect-configuration '{"enabled":true,"namespace":"foot.sc.internal"}' >/dev/null
for _ in $(seq 90); do
  [ "$(aws ecs describe-services --cluster foot --services client --query 'services[0].runningCount')" = 2 ] && break; sleep 1
done
client_arn=$(aws ecs list-tasks --cluster foot --service-name client --query 'taskArns[0]' --output text)
client_ns="mooring-$(cut -c1-12 <<<"${client_arn##*/}")"
# until a web task's Python server answers through Service Connect
for _ in $(seq 60); do ip netns exec "$client_ns" curl -sf -o /dev/null "http://web/" && break; sleep 0.5; done
idle_rss=$(rss_mib "$foot_server")
ip netns exec "$client_ns" "$root/mooring" traffic -z "$((secs * 2))s" -c 20 -q 50 --task-cidr "$cidr" \
  --json "$work/foot.json" "http://web/" >"$work/foot.out" 2>"$work/foot.err" & traffic=$!
peak_rss=$idle_rss
while kill -0 "$traffic" 2>/dev/null; do
  r=$(rss_mib "$foot_server"); [ "$r" -gt "$peak_rss" ] && peak_rss=$r; sleep 1
done
wait "$traffic" || { echo "traffic failed:" >&2; cat "$work/foot.err" >&2; }
foot=$(jq -r '"\(.requests) requests, \(.requestsPerSecond | floor)/s, non-2xx+errors \(.requests - ([.statusCodes | to_entries[] | select(.key | startswith("2")) | .value] | add // 0)), p99 \([.percentiles[] | select(.percentile == 99) | .millis][0]) ms"' "$work/foot.json")
tasks=$(curl -sf "http://localhost:$fport/_mooring/status" | jq '[.tasks[] | select(.lastStatus == "RUNNING")] | length')

ms() { awk -v u="$1" 'BEGIN{printf "%.3f", u/1000}'; }
add() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%+.3f", (a-b)/1000}'; }
echo
echo "ALB listener and server footprint: $(nproc) cores (shared), ${secs}s per phase, $(date -u +%FT%TZ)"
echo "load average: $load_start at the start, $load_a after (a), $(cut -d' ' -f1-3 /proc/loadavg) at the end"
printf '%-62s %14s %14s %10s\n' "measurement" "Mooring" "reference" "goal"
printf '%-62s %14s %14s %10s\n' "throughput, 64 conns (req/s): ALB listener vs HAProxy" "$(rps <<<"$alb_out")" "$(rps <<<"$haproxy_out")" ">= HAProxy"
printf '%-62s %14s %14s %10s\n' "  non-2xx responses in the throughput runs" "$(non2xx <<<"$alb_out" | grep . || echo 0)" "$(non2xx <<<"$haproxy_out" | grep . || echo 0)" "0"
printf '%-62s %14s %14s %10s\n' "latency p50 at 1000 req/s, 1 KiB (ms): via ALB vs direct" "$(ms "$a50")" "$(ms "$d50")" ""
printf '%-62s %14s %14s %10s\n' "  added by the ALB listener, p50 (ms)" "$(add "$a50" "$d50")" "" ""
printf '%-62s %14s %14s %10s\n' "latency p99 (ms): via ALB vs direct" "$(ms "$a99")" "$(ms "$d99")" ""
printf '%-62s %14s %14s %10s\n' "  added by the ALB listener, p99 (ms)" "$(add "$a99" "$d99")" "" ""
printf '%-62s %14s %14s %10s\n' "requests / errors in the latency runs: ALB vs direct" "$an/$aerr" "$dn/$derr" ""
printf '%-62s %14s %14s %10s\n' "server RSS after (a) (MiB; simulated runtime, 1 load balancer)" "$alb_rss" "" ""
printf '%-62s %14s %14s %10s\n' "server RSS, $tasks Service Connect tasks running, idle (MiB)" "$idle_rss" "" "<= 256"
printf '%-62s %14s %14s %10s\n' "server RSS, peak under 1000 GET/s through the alias (MiB)" "$peak_rss" "" "<= 256"
echo "  that load: $foot"
