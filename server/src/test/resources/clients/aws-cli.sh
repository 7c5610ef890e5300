#!/usr/bin/env bash
# Drives Mooring with the AWS CLI exactly as a user would. Needs MOORING_URL (e.g. http://localhost:4566); runs the
# `aws` on PATH, or AWS_CLI if set (CLI v1 and v2 both). Exits non-zero, naming the step, on the first thing that is
# not as AWS would answer.
set -euo pipefail
: "${MOORING_URL:?set MOORING_URL}"
export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_DEFAULT_REGION=us-east-1 AWS_PAGER=""
aws() { command "${AWS_CLI:-aws}" --endpoint-url "$MOORING_URL" --output json "$@"; }
step() { echo "== $*"; }
fail() { echo "FAILED: $*" >&2; exit 1; }
q() { python3 -c "import json,sys; d=json.load(sys.stdin); print(eval(sys.argv[1], {'d': d}))" "$1"; }

step "Cloud Map: an HTTP namespace for Service Connect and a private DNS namespace for discovery"
op=$(aws servicediscovery create-http-namespace --name cli.local | q "d['OperationId']")
[ "$(aws servicediscovery get-operation --operation-id "$op" | q "d['Operation']['Status']")" = SUCCESS ] \
  || fail "create-http-namespace operation did not succeed"
ns_arn=$(aws servicediscovery list-namespaces | q "[n['Arn'] for n in d['Namespaces'] if n['Name']=='cli.local'][0]")
aws servicediscovery create-private-dns-namespace --name cli.internal --vpc vpc-local >/dev/null
dns_ns=$(aws servicediscovery list-namespaces --filters Name=TYPE,Values=DNS_PRIVATE | q "d['Namespaces'][0]['Id']")

step "ECS: cluster, task definition, a Service Connect service"
aws ecs create-cluster --cluster-name cli-cluster >/dev/null
aws ecs register-task-definition --family web --network-mode awsvpc --requires-compatibilities FARGATE \
  --cpu 256 --memory 512 --container-definitions \
  '[{"name":"web","image":"mooring/exec","essential":true,"command":["sleep","3600"],
     "portMappings":[{"name":"web","containerPort":8080,"protocol":"tcp","appProtocol":"http"}]}]' >/dev/null
aws ecs create-service --cluster cli-cluster --service-name web --task-definition web --desired-count 2 \
  --launch-type FARGATE \
  --network-configuration 'awsvpcConfiguration={subnets=[subnet-local],assignPublicIp=DISABLED}' \
  --service-connect-configuration "{\"enabled\":true,\"namespace\":\"$ns_arn\",
     \"services\":[{\"portName\":\"web\",\"clientAliases\":[{\"port\":80}]}]}" >/dev/null

step "aws ecs wait services-stable"
aws ecs wait services-stable --cluster cli-cluster --services web
running=$(aws ecs describe-services --cluster cli-cluster --services web | q "d['services'][0]['runningCount']")
[ "$running" = 2 ] || fail "runningCount is $running, want 2"

step "the Service Connect Cloud Map service is listed by namespace"
aws ecs list-services-by-namespace --namespace "$ns_arn" | q "d['serviceArns']" | grep -q ':service/cli-cluster/web' \
  || fail "list-services-by-namespace does not list web"

step "DiscoverInstances through data-localhost (botocore's data- host prefix)"
n=$(aws servicediscovery discover-instances --namespace-name cli.local --service-name web | q "len(d['Instances'])")
[ "$n" = 2 ] || fail "discover-instances found $n instances, want 2"

step "a missing cluster is reported in failures, not as an error"
reason=$(aws ecs describe-clusters --clusters nope | q "d['failures'][0]['reason']")
[ "$reason" = MISSING ] || fail "describe-clusters failure reason is $reason"

step "errors carry AWS codes"
if out=$(aws ecs describe-services --cluster nope --services web 2>&1); then fail "expected ClusterNotFoundException"; fi
echo "$out" | grep -q ClusterNotFoundException || fail "wrong error: $out"

step "pagination ends"
for i in 1 2 3 4 5; do aws ecs create-cluster --cluster-name "page-$i" >/dev/null; done
count=$(aws ecs list-clusters --page-size 2 | q "len(d['clusterArns'])")
[ "$count" -ge 6 ] || fail "list-clusters paginated to $count clusters"

step "clean up"
aws ecs delete-service --cluster cli-cluster --service web --force >/dev/null
aws servicediscovery delete-namespace --id "$dns_ns" >/dev/null
echo "aws-cli.sh: all steps passed"
