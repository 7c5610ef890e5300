"""Drives Mooring with boto3 as a user would. Needs MOORING_URL. Raises (exit 1) on the first deviation."""
import os
import sys

import boto3
from botocore.exceptions import ClientError

URL = os.environ["MOORING_URL"]
kw = dict(endpoint_url=URL, region_name="eu-west-1", aws_access_key_id="test", aws_secret_access_key="test")
ecs = boto3.client("ecs", **kw)
sd = boto3.client("servicediscovery", **kw)


def step(msg):
    print("==", msg, flush=True)


step("cluster with a Service Connect default namespace given by a new name")
cluster = ecs.create_cluster(clusterName="py", serviceConnectDefaults={"namespace": "py.local"})["cluster"]
ns_arn = cluster["serviceConnectDefaults"]["namespace"]
assert ns_arn.startswith("arn:aws:servicediscovery:eu-west-1:"), ns_arn
ns = sd.get_namespace(Id=ns_arn.split("/")[-1])["Namespace"]
assert ns["Type"] == "HTTP" and ns["Name"] == "py.local", ns

step("the namespace is regional")
other = boto3.client("servicediscovery", **{**kw, "region_name": "us-west-2"})
assert not any(n["Name"] == "py.local" for n in other.list_namespaces()["Namespaces"])

step("task definition and a service that joins the default namespace")
ecs.register_task_definition(
    family="api", networkMode="awsvpc", requiresCompatibilities=["FARGATE"], cpu="256", memory="512",
    containerDefinitions=[{"name": "api", "image": "mooring/exec", "essential": True, "command": ["sleep", "3600"],
                           "portMappings": [{"name": "api", "containerPort": 9000, "appProtocol": "http"}]}])
svc = ecs.create_service(cluster="py", serviceName="api", taskDefinition="api", desiredCount=1,
                         serviceConnectConfiguration={"enabled": True,
                                                      "services": [{"portName": "api",
                                                                    "clientAliases": [{"port": 80}]}]})["service"]
dep = svc["deployments"][0]
assert dep["status"] == "PRIMARY" and dep["id"].startswith("ecs-svc/"), dep
assert dep["serviceConnectResources"][0]["discoveryName"] == "api", dep

step("waiter: services_stable")
ecs.get_waiter("services_stable").wait(cluster="py", services=["api"], WaiterConfig={"Delay": 2, "MaxAttempts": 30})

step("DiscoverInstances via data-localhost")
inst = sd.discover_instances(NamespaceName="py.local", ServiceName="api")["Instances"]
assert len(inst) == 1 and inst[0]["Attributes"]["AWS_INSTANCE_PORT"] == "9000", inst

step("validation: a second client alias is refused")
try:
    ecs.update_service(cluster="py", service="api", serviceConnectConfiguration={
        "enabled": True, "services": [{"portName": "api", "clientAliases": [{"port": 80}, {"port": 81}]}]})
    raise AssertionError("two client aliases were accepted")
except ClientError as e:
    assert e.response["Error"]["Code"] == "InvalidParameterException", e.response

step("idempotent Cloud Map create on CreatorRequestId")
a = sd.create_http_namespace(Name="idem.local", CreatorRequestId="same-request")["OperationId"]
b = sd.create_http_namespace(Name="idem.local", CreatorRequestId="same-request")["OperationId"]
assert a == b, (a, b)

step("paginators end")
for i in range(7):
    ecs.register_task_definition(family="page", containerDefinitions=[{"name": "c", "image": "mooring/exec"}])
arns = [a for p in ecs.get_paginator("list_task_definitions").paginate(familyPrefix="page", PaginationConfig={"PageSize": 3})
        for a in p["taskDefinitionArns"]]
assert len(arns) == 7, arns

print("boto3_smoke.py: all steps passed")
sys.exit(0)
