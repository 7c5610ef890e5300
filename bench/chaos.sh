#!/usr/bin/env bash
# The chaos scenario of issues 7 and 8, three ways in one run, printed as one table. For each way, 3 HTTP server
# tasks (an ECS service of a Python server with a container health check), one client task sending a steady
# 200 idempotent GETs/s for 30 s (`mooring traffic -c 10 -q 20`, run inside the client task's network namespace with
# its /etc/hosts and resolv.conf), and `mooring chaos` killing one server task with SIGKILL every 5 s:
#   sc   through the Service Connect alias  http://web/          (the client task's egress proxy; retries, ejection)
#   dns  through Cloud Map DNS discovery    http://web.chaos.cloudmap.internal:8080/  (the "before" picture: the
#        client resolves the name once at start, as yelb-ui's nginx does, and keeps its connections to that task)
#   alb  through an internal load balancer  http://<its DNS name>/  (ECS service with loadBalancers; ALB semantics:
#        no retries, 502 for a dead target until health checks or deregistration take it out)
# Usage: sudo bench/chaos.sh [seconds=30] [interval=5s]
# Bounded: each phase runs `seconds` of traffic with at most seconds/interval kills; everything it starts is stopped by
# PID on exit. Traffic stays in Mooring's task network (bridge mchaos0, 198.19.210.0/24) and on loopback.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
secs="${1:-30}"; interval="${2:-5s}"
if [ "$(id -u)" -ne 0 ]; then
  echo "chaos: needs root (tasks run in network namespaces on a bridge); run: sudo $0 $*" >&2
  exit 1
fi
[ "$secs" -ge 10 ] && [ "$secs" -le 300 ] || { echo "chaos: seconds is between 10 and 300" >&2; exit 2; }
bridge=mchaos0; cidr=198.19.210.0/24
"$root/mooring" --version >/dev/null            # builds the CLI if needed and finds the JDK
work="$(mktemp -d)"; chmod 755 "$work"         # containers run as nobody and read web.py from here
port=$((20000 + RANDOM % 20000))
endpoint="http://localhost:$port"
server=""
export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_DEFAULT_REGION=us-east-1 AWS_PAGER=""
aws() { command aws --endpoint-url "$endpoint" --output json "$@"; }

cleanup() {
  trap - EXIT INT TERM
  if [ -n "$server" ]; then
    kill "$server" 2>/dev/null || true    # the server stops its tasks and removes their namespaces and the bridge
    for _ in $(seq 150); do kill -0 "$server" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

"$root/mooring" server --port "$port" --state-dir "$work/state" --bridge "$bridge" --task-cidr "$cidr" \
  --lb-ports 19500-19599 >"$work/server.log" 2>&1 & server=$!
for _ in $(seq 300); do curl -sf "$endpoint/_mooring/health" >/dev/null && break; sleep 0.2; done
curl -sf "$endpoint/_mooring/health" >/dev/null || { echo "chaos: the server did not start:" >&2; tail "$work/server.log" >&2; exit 1; }

cat >"$work/web.py" <<'PY'
import http.server, signal, socket, sys, threading
body = ('hello from ' + socket.gethostname()).encode()
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
server = http.server.ThreadingHTTPServer(('0.0.0.0', int(sys.argv[1])), Hello)
signal.signal(signal.SIGTERM, lambda *a: threading.Thread(target=server.shutdown).start())
server.serve_forever()
PY
aws ecs create-cluster --cluster-name chaos >/dev/null
aws servicediscovery create-http-namespace --name chaos.sc.internal >/dev/null
aws servicediscovery create-private-dns-namespace --name chaos.cloudmap.internal --vpc vpc-mooring >/dev/null
for _ in $(seq 50); do
  [ "$(aws servicediscovery list-namespaces --query 'length(Namespaces)')" = 2 ] && break; sleep 0.2
done
dns_ns=$(aws servicediscovery list-namespaces \
  --query "Namespaces[?Name=='chaos.cloudmap.internal'].Id | [0]" --output text)
registry=$(aws servicediscovery create-service --name web --namespace-id "$dns_ns" \
  --dns-config 'RoutingPolicy=MULTIVALUE,DnsRecords=[{Type=A,TTL=10}]' \
  --health-check-custom-config FailureThreshold=1 --query Service.Arn --output text)
aws ecs register-task-definition --family web --network-mode awsvpc --requires-compatibilities FARGATE \
  --cpu 1024 --memory 2048 --container-definitions "[{\"name\":\"web\",\"image\":\"mooring/exec\",\"essential\":true,
    \"cpu\":1024,\"command\":[\"/usr/bin/python3\",\"$work/web.py\",\"8080\"],\"stopTimeout\":2,
    \"portMappings\":[{\"name\":\"http\",\"containerPort\":8080,\"protocol\":\"tcp\",\"appProtocol\":\"http\"}],
    \"healthCheck\":{\"command\":[\"CMD-SHELL\",\"curl -sf -m 2 http://127.0.0.1:8080/ >/dev/null\"],
      \"interval\":5,\"timeout\":3,\"retries\":2}}]" >/dev/null
aws ecs register-task-definition --family client --network-mode awsvpc --requires-compatibilities FARGATE \
  --cpu 256 --memory 512 --container-definitions '[{"name":"client","image":"mooring/exec","essential":true,
    "command":["sleep","3600"],"stopTimeout":2}]' >/dev/null

lb_json=$(aws elbv2 create-load-balancer --name chaos-alb --scheme internal --type application)
lb_arn=$(jq -r '.LoadBalancers[0].LoadBalancerArn' <<<"$lb_json"); lb_dns=$(jq -r '.LoadBalancers[0].DNSName' <<<"$lb_json")
tg_arn=$(aws elbv2 create-target-group --name chaos-tg --protocol HTTP --port 8080 --vpc-id vpc-mooring \
  --target-type ip --health-check-path / --health-check-interval-seconds 5 --health-check-timeout-seconds 2 \
  --healthy-threshold-count 2 --unhealthy-threshold-count 2 --query 'TargetGroups[0].TargetGroupArn' --output text)
aws elbv2 modify-target-group-attributes --target-group-arn "$tg_arn" \
  --attributes Key=deregistration_delay.timeout_seconds,Value=5 >/dev/null
aws elbv2 create-listener --load-balancer-arn "$lb_arn" --protocol HTTP --port 80 \
  --default-actions "Type=forward,TargetGroupArn=$tg_arn" >/dev/null

sc_server='{"enabled":true,"namespace":"chaos.sc.internal","services":[{"portName":"http","discoveryName":"web",
  "clientAliases":[{"port":80,"dnsName":"web"}]}]}'
aws ecs create-service --cluster chaos --service-name web-sc --task-definition web --desired-count 3 \
  --launch-type FARGATE --service-connect-configuration "$sc_server" >/dev/null
aws ecs create-service --cluster chaos --service-name web-dns --task-definition web --desired-count 3 \
  --launch-type FARGATE --service-registries "registryArn=$registry" >/dev/null
aws ecs create-service --cluster chaos --service-name web-alb --task-definition web --desired-count 3 \
  --launch-type FARGATE --health-check-grace-period-seconds 10 \
  --load-balancers "targetGroupArn=$tg_arn,containerName=web,containerPort=8080" >/dev/null
aws ecs create-service --cluster chaos --service-name client --task-definition client --desired-count 1 \
  --launch-type FARGATE --service-connect-configuration '{"enabled":true,"namespace":"chaos.sc.internal"}' >/dev/null

# every server task RUNNING and HEALTHY (and, behind the load balancer, healthy there too), the client RUNNING
ready() {
  local arns
  arns=$(aws ecs list-tasks --cluster chaos --service-name "$1" --query taskArns --output text)
  [ -n "$arns" ] || return 1
  # shellcheck disable=SC2086
  [ "$(aws ecs describe-tasks --cluster chaos --tasks $arns --query \
    "length(tasks[?lastStatus=='RUNNING' && (healthStatus=='HEALTHY' || healthStatus=='UNKNOWN')])")" = "$2" ]
}
for _ in $(seq 120); do
  ready web-sc 3 && ready web-dns 3 && ready web-alb 3 && ready client 1 \
    && [ "$(aws elbv2 describe-target-health --target-group-arn "$tg_arn" \
         --query "length(TargetHealthDescriptions[?TargetHealth.State=='healthy'])")" = 3 ] && break
  sleep 1
done
client_arn=$(aws ecs list-tasks --cluster chaos --service-name client --query 'taskArns[0]' --output text)
client_ns="mooring-$(cut -c1-12 <<<"${client_arn##*/}")"
ip netns list | grep -q "^$client_ns" || { echo "chaos: no client task namespace $client_ns" >&2; exit 1; }

phase() {   # mode service url
  echo "phase $1: ${secs}s of 200 GET/s to $3, SIGKILL of one $2 task every $interval" >&2
  ip netns exec "$client_ns" "$root/mooring" traffic -z "${secs}s" -c 10 -q 20 -t 10 --task-cidr "$cidr" \
    --json "$work/$1.json" "$3" >"$work/$1.out" 2>"$work/$1.err" & local traffic=$!
  sleep 2    # the traffic JVM's start; the first kill comes one interval after this
  "$root/mooring" chaos --endpoint-url "$endpoint" --cluster chaos --service "$2" --interval "$interval" \
    --duration "$((secs - 3))s" >"$work/$1.chaos" 2>&1 || true
  wait "$traffic" || { echo "chaos: traffic of phase $1 failed:" >&2; cat "$work/$1.err" >&2; }
  for _ in $(seq 60); do ready "$2" 3 && break; sleep 1; done    # replacements in place before the next phase
}
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
phase sc web-sc "http://web/"
phase dns web-dns "http://web.chaos.cloudmap.internal:8080/"
phase alb web-alb "http://$lb_dns/"

echo
echo "Chaos: 3 server tasks, 200 GET/s for ${secs}s, SIGKILL of one task every $interval; $(nproc) cores, load average $load_before before, $(cut -d' ' -f1-3 /proc/loadavg) after; $(date -u +%FT%TZ)"
printf '%-28s %6s %9s %8s %7s %9s  %-22s %-26s %9s %9s\n' way kills requests "not sent" 2xx failures "non-2xx by code" "errors by kind" "p50 ms" "p99 ms"
for mode in sc dns alb; do
  f="$work/$mode.json"
  [ -s "$f" ] || { printf '%-28s no figures (see the phase output above)\n' "$mode"; continue; }
  kills=$(grep -c ' SIGKILL task ' "$work/$mode.chaos" || true)
  case $mode in sc) way="Service Connect alias";; dns) way="Cloud Map DNS (resolve once)";; alb) way="internal ALB";; esac
  # a worker waiting on a dead task (until its 10 s timeout) leaves its later slots unsent: those count too
  jq -r --arg way "$way" --arg kills "$kills" --argjson planned "$((secs * 200))" '
    def pct(p): ([.percentiles[] | select(.percentile == p) | .millis][0] // 0);
    (.statusCodes | to_entries) as $codes
    | ([$codes[] | select((.key | tonumber) >= 200 and (.key | tonumber) < 300) | .value] | add // 0) as $ok
    | [$way, $kills, .requests, ($planned - .requests), $ok, (.requests - $ok),
       ([$codes[] | select((.key | tonumber) >= 300) | "\(.key):\(.value)"] | join(" ") | if . == "" then "-" else . end),
       ([.errorKinds | to_entries[] | "\(.key):\(.value)"] | join(" ") | if . == "" then "-" else . end),
       (pct(50) | tostring), (pct(99) | tostring)]
    | @tsv' "$f" | awk -F'\t' '{printf "%-28s %6s %9s %8s %7s %9s  %-22s %-26s %9.2f %9.2f\n", $1, $2, $3, $4, $5, $6, $7, $8, $9, $10}'
done
