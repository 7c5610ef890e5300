#!/usr/bin/env bash
# Drives Mooring's ELBv2 (awsQuery) and Route 53 (restXml) APIs with the AWS CLI as a user would, waiters included.
# Needs MOORING_URL; runs the `aws` on PATH, or AWS_CLI if set. Starts one HTTP server of its own on loopback as the
# target and stops it (by its PID) on exit. Exits non-zero, naming the step, on the first deviation from AWS.
set -euo pipefail
: "${MOORING_URL:?set MOORING_URL}"
export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_DEFAULT_REGION=us-east-1 AWS_PAGER=""
aws() { command "${AWS_CLI:-aws}" --endpoint-url "$MOORING_URL" --output json "$@"; }
step() { echo "== $*"; }
fail() { echo "FAILED: $*" >&2; exit 1; }
q() { python3 -c "import json,sys; d=json.load(sys.stdin); print(eval(sys.argv[1], {'d': d}))" "$1"; }
# expect CODE cmd...: the command fails with that AWS error code
expect() { local code=$1; shift; local out; if out=$("$@" 2>&1); then fail "expected $code from: $*"; fi
  echo "$out" | grep -q "($code)" || fail "expected $code from: $*; got: $out"; }

target_pid=""
trap '[ -n "$target_pid" ] && kill "$target_pid" 2>/dev/null || true' EXIT
port=$(python3 -c "import socket; s=socket.socket(); s.bind(('127.0.0.1',0)); print(s.getsockname()[1]); s.close()")

step "CreateLoadBalancer: ARN, DNS name and state as AWS gives them"
lb_json=$(aws elbv2 create-load-balancer --name cli-alb --subnets subnet-a subnet-b --security-groups sg-1)
lb=$(echo "$lb_json" | q "d['LoadBalancers'][0]['LoadBalancerArn']")
[[ "$lb" =~ ^arn:aws:elasticloadbalancing:us-east-1:[0-9]{12}:loadbalancer/app/cli-alb/[0-9a-f]{16}$ ]] \
  || fail "load balancer ARN $lb"
dns=$(echo "$lb_json" | q "d['LoadBalancers'][0]['DNSName']")
[[ "$dns" =~ ^cli-alb-[0-9]+\.us-east-1\.elb\.amazonaws\.com$ ]] || fail "DNS name $dns"
[ "$(echo "$lb_json" | q "d['LoadBalancers'][0]['Scheme']")" = internet-facing ] || fail "default scheme"
internal=$(aws elbv2 create-load-balancer --name cli-internal --scheme internal --subnets subnet-a \
  | q "d['LoadBalancers'][0]['DNSName']")
[[ "$internal" =~ ^internal-cli-internal-[0-9]+\.us-east-1\.elb\.amazonaws\.com$ ]] || fail "internal DNS $internal"

step "the same CreateLoadBalancer again is idempotent; different settings are DuplicateLoadBalancerName"
again=$(aws elbv2 create-load-balancer --name cli-alb --subnets subnet-a subnet-b --security-groups sg-1 \
  | q "d['LoadBalancers'][0]['LoadBalancerArn']")
[ "$again" = "$lb" ] || fail "idempotent create gave $again"
expect DuplicateLoadBalancerName aws elbv2 create-load-balancer --name cli-alb --scheme internal
expect ValidationError aws elbv2 create-load-balancer --name internal-x
expect LoadBalancerNotFound aws elbv2 describe-load-balancers --names nope

step "aws elbv2 wait load-balancer-available"
aws elbv2 wait load-balancer-available --load-balancer-arns "$lb"
[ "$(aws elbv2 describe-load-balancers --names cli-alb | q "d['LoadBalancers'][0]['State']['Code']")" = active ] \
  || fail "not active after the waiter"

step "load balancer attributes: ALB defaults, changes, refusals"
[ "$(aws elbv2 describe-load-balancer-attributes --load-balancer-arn "$lb" \
  | q "[a['Value'] for a in d['Attributes'] if a['Key']=='idle_timeout.timeout_seconds'][0]")" = 60 ] \
  || fail "idle timeout default"
aws elbv2 modify-load-balancer-attributes --load-balancer-arn "$lb" \
  --attributes Key=idle_timeout.timeout_seconds,Value=5 >/dev/null
[ "$(aws elbv2 describe-load-balancer-attributes --load-balancer-arn "$lb" \
  | q "[a['Value'] for a in d['Attributes'] if a['Key']=='idle_timeout.timeout_seconds'][0]")" = 5 ] \
  || fail "idle timeout not changed"
expect ValidationError aws elbv2 modify-load-balancer-attributes --load-balancer-arn "$lb" \
  --attributes Key=no.such.key,Value=1
expect InvalidConfigurationRequest aws elbv2 modify-load-balancer-attributes --load-balancer-arn "$lb" \
  --attributes Key=idle_timeout.timeout_seconds,Value=0

step "target groups: ip only, ALB health check defaults"
expect ValidationError aws elbv2 create-target-group --name inst --protocol HTTP --port 80 --vpc-id vpc-1
tg_json=$(aws elbv2 create-target-group --name cli-tg --protocol HTTP --port "$port" --vpc-id vpc-1 --target-type ip \
  --health-check-interval-seconds 5 --health-check-timeout-seconds 2 --healthy-threshold-count 2)
tg=$(echo "$tg_json" | q "d['TargetGroups'][0]['TargetGroupArn']")
[[ "$tg" =~ ^arn:aws:elasticloadbalancing:us-east-1:[0-9]{12}:targetgroup/cli-tg/[0-9a-f]{16}$ ]] || fail "TG ARN $tg"
[ "$(echo "$tg_json" | q "(d['TargetGroups'][0]['HealthCheckPath'], d['TargetGroups'][0]['Matcher']['HttpCode'], d['TargetGroups'][0]['UnhealthyThresholdCount'])")" = "('/', '200', 2)" ] \
  || fail "health check defaults: $tg_json"
expect ValidationError aws elbv2 create-target-group --name bad-hc --protocol HTTP --port 80 --vpc-id vpc-1 \
  --target-type ip --health-check-interval-seconds 5 --health-check-timeout-seconds 6
for i in 1 2 3; do aws elbv2 create-target-group --name "page-$i" --protocol HTTP --port 80 --vpc-id vpc-1 \
  --target-type ip >/dev/null; done

step "Marker pagination (page size 1, following NextMarker) lists every target group once and ends"
seen=(); marker=""
for _ in 1 2 3 4 5 6; do
  page=$(aws elbv2 describe-target-groups --page-size 1 ${marker:+--marker "$marker"})
  seen+=("$(echo "$page" | q "d['TargetGroups'][0]['TargetGroupName']")")
  marker=$(echo "$page" | q "d.get('NextMarker', '')")
  [ -z "$marker" ] && break
done
[ -z "$marker" ] || fail "pagination did not end"
[ "$(printf '%s\n' "${seen[@]}" | sort -u | wc -l)" = 4 ] && [ "${#seen[@]}" = 4 ] \
  || fail "pages gave ${seen[*]}, want 4 distinct target groups"
[ "$(aws elbv2 describe-target-groups | q "len(d['TargetGroups'])")" = 4 ] || fail "the CLI's own paginator"

step "listener and rules"
listener=$(aws elbv2 create-listener --load-balancer-arn "$lb" --protocol HTTP --port 80 \
  --default-actions "Type=forward,TargetGroupArn=$tg" | q "d['Listeners'][0]['ListenerArn']")
[[ "$listener" == "${lb/:loadbalancer\//:listener/}/"* ]] || fail "listener ARN $listener"
expect DuplicateListener aws elbv2 create-listener --load-balancer-arn "$lb" --protocol HTTP --port 80 \
  --default-actions 'Type=fixed-response,FixedResponseConfig={StatusCode=404}'
expect TargetGroupNotFound aws elbv2 create-listener --load-balancer-arn "$lb" --protocol HTTP --port 81 \
  --default-actions "Type=forward,TargetGroupArn=${tg%/*}/0000000000000000"
[ "$(aws elbv2 describe-target-groups --load-balancer-arn "$lb" | q "d['TargetGroups'][0]['LoadBalancerArns']")" \
  = "['$lb']" ] || fail "the target group does not name its load balancer"
rule=$(aws elbv2 create-rule --listener-arn "$listener" --priority 10 \
  --conditions Field=path-pattern,Values='/api/*' \
  --actions 'Type=fixed-response,FixedResponseConfig={StatusCode=503,ContentType=text/plain,MessageBody=down}' \
  | q "d['Rules'][0]['RuleArn']")
expect PriorityInUse aws elbv2 create-rule --listener-arn "$listener" --priority 10 \
  --conditions Field=host-header,Values=a.example.com --actions "Type=forward,TargetGroupArn=$tg"
[ "$(aws elbv2 describe-rules --listener-arn "$listener" | q "[(r['Priority'], r['IsDefault']) for r in d['Rules']]")" \
  = "[('10', False), ('default', True)]" ] || fail "rules in evaluation order"
default_rule=$(aws elbv2 describe-rules --listener-arn "$listener" | q "d['Rules'][1]['RuleArn']")
expect OperationNotPermitted aws elbv2 delete-rule --rule-arn "$default_rule"
aws elbv2 modify-rule --rule-arn "$rule" --conditions Field=path-pattern,Values='/v2/*' >/dev/null
[ "$(aws elbv2 describe-rules --rule-arns "$rule" | q "d['Rules'][0]['Conditions'][0]['PathPatternConfig']['Values']")" \
  = "['/v2/*']" ] || fail "modify-rule"
expect ResourceInUse aws elbv2 delete-target-group --target-group-arn "$tg"

step "tags on load balancers, target groups, listeners and rules"
aws elbv2 add-tags --resource-arns "$lb" "$tg" "$listener" "$rule" --tags Key=team,Value=yelb Key=env,Value=dev
[ "$(aws elbv2 describe-tags --resource-arns "$rule" | q "sorted(t['Key'] for t in d['TagDescriptions'][0]['Tags'])")" \
  = "['env', 'team']" ] || fail "tags on a rule"
aws elbv2 remove-tags --resource-arns "$lb" --tag-keys env
[ "$(aws elbv2 describe-tags --resource-arns "$lb" | q "[t['Key'] for t in d['TagDescriptions'][0]['Tags']]")" \
  = "['team']" ] || fail "remove-tags"
expect ValidationError aws elbv2 add-tags --resource-arns "$lb" --tags Key=aws:x,Value=y

step "targets: only Mooring's own networks; health checks mark a dead target unhealthy"
expect InvalidTarget aws elbv2 register-targets --target-group-arn "$tg" --targets Id=10.1.2.3
aws elbv2 register-targets --target-group-arn "$tg" --targets Id=127.0.0.1
for _ in $(seq 1 50); do
  state=$(aws elbv2 describe-target-health --target-group-arn "$tg" \
    | q "d['TargetHealthDescriptions'][0]['TargetHealth']['State']")
  [ "$state" = unhealthy ] && break; sleep 0.2
done
[ "$state" = unhealthy ] || fail "a target with nothing listening is $state"

step "aws elbv2 wait target-in-service, once the target answers"
python3 -m http.server "$port" --bind 127.0.0.1 >/dev/null 2>&1 & target_pid=$!
# the waiter polls every 15 s: first let two 5 s checks pass, so that its first poll can already succeed
for _ in $(seq 1 100); do
  state=$(aws elbv2 describe-target-health --target-group-arn "$tg" \
    | q "d['TargetHealthDescriptions'][0]['TargetHealth']['State']")
  [ "$state" = healthy ] && break; sleep 0.3
done
aws elbv2 wait target-in-service --target-group-arn "$tg" --targets "Id=127.0.0.1,Port=$port"

step "the internet-facing listener answers on its loopback port (mooring lb), through to the target"
loopback=$(curl -s "$MOORING_URL/_mooring/lb" \
  | q "[l['loopback'] for b in d['loadBalancers'] if b['name']=='cli-alb' for l in b['listeners']][0]")
[[ "$loopback" =~ ^127\.0\.0\.1:[0-9]+$ ]] || fail "loopback address $loopback"
code=$(curl -s -o /dev/null -w '%{http_code}' "http://$loopback/")
[ "$code" = 200 ] || fail "GET through the load balancer answered $code"

step "deregistration drains for the delay, then aws elbv2 wait target-deregistered"
# long enough to still see it draining after the CLI's own start on a busy machine; the waiter polls every 15 s anyway
aws elbv2 modify-target-group-attributes --target-group-arn "$tg" \
  --attributes Key=deregistration_delay.timeout_seconds,Value=10 >/dev/null
aws elbv2 deregister-targets --target-group-arn "$tg" --targets Id=127.0.0.1
[ "$(aws elbv2 describe-target-health --target-group-arn "$tg" \
  | q "d['TargetHealthDescriptions'][0]['TargetHealth']['State']")" = draining ] || fail "not draining"
aws elbv2 wait target-deregistered --target-group-arn "$tg" --targets "Id=127.0.0.1,Port=$port"
expect InvalidTarget aws elbv2 deregister-targets --target-group-arn "$tg" --targets Id=127.0.0.1
code=$(curl -s -o /dev/null -w '%{http_code}' "http://$loopback/")
[ "$code" = 503 ] || fail "with no target the load balancer answered $code, want 503"

step "XML errors on the wire: AWS's namespace and the request id"
body=$(curl -s -X POST "$MOORING_URL/" -H 'Content-Type: application/x-www-form-urlencoded' \
  --data 'Action=DescribeTargetGroups&Version=2015-12-01&Names.member.1=none')
echo "$body" | grep -q '<ErrorResponse xmlns="http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/">' \
  || fail "error body: $body"
echo "$body" | grep -q '<Code>TargetGroupNotFound</Code>' || fail "error code: $body"
echo "$body" | grep -Eq '<RequestId>[0-9a-f-]{36}</RequestId>' || fail "request id: $body"

step "Route 53: a private hosted zone, idempotent on the caller reference"
zone=$(aws route53 create-hosted-zone --name cli.lb.internal --caller-reference cli-1 \
  --vpc VPCRegion=us-east-1,VPCId=vpc-1 | q "d['HostedZone']['Id']")
[[ "$zone" =~ ^/hostedzone/Z[A-Z0-9]+$ ]] || fail "zone id $zone"
expect HostedZoneAlreadyExists aws route53 create-hosted-zone --name other.internal --caller-reference cli-1 \
  --vpc VPCRegion=us-east-1,VPCId=vpc-1
[ "$(aws route53 get-hosted-zone --id "$zone" | q "(d['HostedZone']['Name'], d['HostedZone']['Config']['PrivateZone'], d['VPCs'][0]['VPCId'])")" \
  = "('cli.lb.internal.', True, 'vpc-1')" ] || fail "get-hosted-zone"
[ "$(aws route53 list-hosted-zones-by-name --dns-name cli.lb.internal | q "d['HostedZones'][0]['Id']")" = "$zone" ] \
  || fail "list-hosted-zones-by-name"
expect NoSuchHostedZone aws route53 get-hosted-zone --id ZNOSUCHZONE

step "ChangeResourceRecordSets: every supported type, and an alias to the internal load balancer"
change=$(aws route53 change-resource-record-sets --hosted-zone-id "$zone" --change-batch "{\"Changes\":[
  {\"Action\":\"CREATE\",\"ResourceRecordSet\":{\"Name\":\"a.cli.lb.internal\",\"Type\":\"A\",\"TTL\":60,
    \"ResourceRecords\":[{\"Value\":\"198.18.0.9\"}]}},
  {\"Action\":\"CREATE\",\"ResourceRecordSet\":{\"Name\":\"a.cli.lb.internal\",\"Type\":\"AAAA\",\"TTL\":60,
    \"ResourceRecords\":[{\"Value\":\"fd00::9\"}]}},
  {\"Action\":\"CREATE\",\"ResourceRecordSet\":{\"Name\":\"www.cli.lb.internal\",\"Type\":\"CNAME\",\"TTL\":60,
    \"ResourceRecords\":[{\"Value\":\"a.cli.lb.internal\"}]}},
  {\"Action\":\"UPSERT\",\"ResourceRecordSet\":{\"Name\":\"_http._tcp.cli.lb.internal\",\"Type\":\"SRV\",\"TTL\":60,
    \"ResourceRecords\":[{\"Value\":\"1 10 80 a.cli.lb.internal\"}]}},
  {\"Action\":\"CREATE\",\"ResourceRecordSet\":{\"Name\":\"txt.cli.lb.internal\",\"Type\":\"TXT\",\"TTL\":60,
    \"ResourceRecords\":[{\"Value\":\"\\\"hello world\\\"\"}]}},
  {\"Action\":\"CREATE\",\"ResourceRecordSet\":{\"Name\":\"yelb-appserver.cli.lb.internal\",\"Type\":\"A\",
    \"SetIdentifier\":\"yelb-appserver\",\"Region\":\"us-east-1\",
    \"AliasTarget\":{\"HostedZoneId\":\"Z000\",\"DNSName\":\"$internal\",\"EvaluateTargetHealth\":false}}}]}" \
  | q "d['ChangeInfo']['Id']")
aws route53 wait resource-record-sets-changed --id "$change"
[ "$(aws route53 list-resource-record-sets --hosted-zone-id "$zone" | q "len(d['ResourceRecordSets'])")" = 6 ] \
  || fail "six record sets"
[ "$(aws route53 list-resource-record-sets --hosted-zone-id "$zone" --max-items 2 | q "len(d['ResourceRecordSets'])")" \
  = 2 ] || fail "--max-items"
[ "$(aws route53 list-resource-record-sets --hosted-zone-id "$zone" --page-size 1 | q "len(d['ResourceRecordSets'])")" \
  = 6 ] || fail "paginated listing"

step "a batch with one bad change applies nothing (InvalidChangeBatch)"
expect InvalidChangeBatch aws route53 change-resource-record-sets --hosted-zone-id "$zone" --change-batch '{"Changes":[
  {"Action":"CREATE","ResourceRecordSet":{"Name":"new.cli.lb.internal","Type":"A","TTL":60,"ResourceRecords":[{"Value":"198.18.0.10"}]}},
  {"Action":"DELETE","ResourceRecordSet":{"Name":"missing.cli.lb.internal","Type":"A","TTL":60,"ResourceRecords":[{"Value":"198.18.0.11"}]}}]}'
[ "$(aws route53 list-resource-record-sets --hosted-zone-id "$zone" | q "len(d['ResourceRecordSets'])")" = 6 ] \
  || fail "a failed batch left a change behind"
expect HostedZoneNotEmpty aws route53 delete-hosted-zone --id "$zone"
aws route53 list-resource-record-sets --hosted-zone-id "$zone" \
  | q "__import__('json').dumps({'Changes': [{'Action': 'DELETE', 'ResourceRecordSet': s} for s in d['ResourceRecordSets']]})" \
  > "${TMPDIR:-/tmp}/elb-cli-delete.$$.json"
aws route53 change-resource-record-sets --hosted-zone-id "$zone" \
  --change-batch "file://${TMPDIR:-/tmp}/elb-cli-delete.$$.json" >/dev/null
rm -f "${TMPDIR:-/tmp}/elb-cli-delete.$$.json"
aws route53 delete-hosted-zone --id "$zone" >/dev/null
expect NoSuchHostedZone aws route53 get-hosted-zone --id "$zone"

step "clean up: listener, target groups, load balancers (aws elbv2 wait load-balancers-deleted)"
aws elbv2 delete-listener --listener-arn "$listener"
expect ListenerNotFound aws elbv2 describe-listeners --listener-arns "$listener"
aws elbv2 delete-target-group --target-group-arn "$tg"
aws elbv2 delete-load-balancer --load-balancer-arn "$lb"
aws elbv2 wait load-balancers-deleted --load-balancer-arns "$lb"

echo "elb-cli.sh: all steps passed"
