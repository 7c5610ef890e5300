#!/usr/bin/env bash
# Issue 10 with the AWS CLI (v1 on PATH: CLI v2.9 predates these operations): Cloud Map namespace updates, service
# attributes and the instances revision, ECS capacity providers, account settings and AWS's exact error texts.
# Needs MOORING_URL. Exits non-zero, naming the step, on the first thing that is not as AWS would answer.
set -euo pipefail
: "${MOORING_URL:?set MOORING_URL}"
export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_DEFAULT_REGION=us-east-1 AWS_PAGER=""
aws() { command "${AWS_CLI:-aws}" --endpoint-url "$MOORING_URL" --output json "$@"; }
step() { echo "== $*"; }
fail() { echo "FAILED: $*" >&2; exit 1; }
q() { python3 -c "import json,sys; d=json.load(sys.stdin); print(eval(sys.argv[1], {'d': d}))" "$1"; }
# the call must fail, and its error line must contain the given text
refused() { local text=$1; shift; local out; if out=$(aws "$@" 2>&1); then fail "$* was not refused"; fi
  [[ "$out" == *"$text"* ]] || fail "$*: expected '$text', got: $out"; }

step "Cloud Map: update an HTTP namespace's description"
op=$(aws servicediscovery create-http-namespace --name fid-cli.local | q "d['OperationId']")
ns=$(aws servicediscovery get-operation --operation-id "$op" | q "d['Operation']['Targets']['NAMESPACE']")
aws servicediscovery update-http-namespace --id "$ns" --namespace Description=changed >/dev/null
[ "$(aws servicediscovery get-namespace --id "$ns" | q "d['Namespace']['Description']")" = changed ] \
  || fail "the description did not change"

step "Cloud Map: service attributes"
svc=$(aws servicediscovery create-service --name api --namespace-id "$ns" | q "d['Service']['Id']")
aws servicediscovery update-service-attributes --service-id "$svc" --attributes team=a,tier=web >/dev/null
aws servicediscovery delete-service-attributes --service-id "$svc" --attributes tier >/dev/null
[ "$(aws servicediscovery get-service-attributes --service-id "$svc" | q "d['ServiceAttributes']['Attributes']")" \
  = "{'team': 'a'}" ] || fail "attributes are not {team: a}"

step "Cloud Map: the instances revision changes when an instance registers"
r1=$(aws servicediscovery discover-instances-revision --namespace-name fid-cli.local --service-name api \
  | q "d['InstancesRevision']")
aws servicediscovery register-instance --service-id "$svc" --instance-id i-1 \
  --attributes AWS_INSTANCE_IPV4=198.18.0.7 >/dev/null
r2=$(aws servicediscovery discover-instances-revision --namespace-name fid-cli.local --service-name api \
  | q "d['InstancesRevision']")
[ "$r1" != "$r2" ] || fail "the revision stayed $r1"

step "ECS: AWS's exact error texts"
refused "(ClusterNotFoundException) when calling the ListServices operation: Cluster not found." \
  ecs list-services --cluster nope
refused "(ClientException) when calling the DescribeTaskDefinition operation: Unable to describe task definition." \
  ecs describe-task-definition --task-definition nothing
refused "Fargate requires that 'cpu' be defined at the task level." \
  ecs register-task-definition --family f --requires-compatibilities FARGATE --network-mode awsvpc --memory 512 \
  --container-definitions '[{"name":"web","image":"mooring/exec"}]'

step "ECS: capacity providers and account settings"
[ "$(aws ecs describe-capacity-providers | q "[p['name'] for p in d['capacityProviders']]")" \
  = "['FARGATE', 'FARGATE_SPOT']" ] || fail "the built-in capacity providers"
aws ecs create-cluster --cluster-name fid-cli >/dev/null
aws ecs put-cluster-capacity-providers --cluster fid-cli --capacity-providers FARGATE FARGATE_SPOT \
  --default-capacity-provider-strategy capacityProvider=FARGATE,weight=1 >/dev/null
aws ecs put-account-setting --name containerInsights --value enabled >/dev/null
[ "$(aws ecs list-account-settings --name containerInsights | q "d['settings'][0]['value']")" = enabled ] \
  || fail "containerInsights is not enabled"
refused "InvalidParameterException" ecs put-account-setting --name taskLongArnFormat --value disabled

echo "fidelity-cli.sh: all steps passed"
