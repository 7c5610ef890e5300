"""Issue 10 with boto3: the operations IaC tools call, AWS's exact error texts and Fargate's rules. Needs MOORING_URL.
Raises (exit 1) on the first deviation."""
import os
import sys
import time

import boto3
from botocore.exceptions import ClientError

URL = os.environ["MOORING_URL"]
kw = dict(endpoint_url=URL, region_name="us-east-1", aws_access_key_id="test", aws_secret_access_key="test")
ecs = boto3.client("ecs", **kw)
sd = boto3.client("servicediscovery", **kw)


def step(msg):
    print("==", msg, flush=True)


def refused(code, text, call, **args):
    try:
        call(**args)
    except ClientError as e:
        got = (e.response["Error"]["Code"], e.response["Error"]["Message"])
        assert got[0] == code, got
        assert text is None or got[1] == text, got
        return
    raise AssertionError("%s was not refused" % call.__name__)


step("AWS's exact error texts")
refused("ClusterNotFoundException", "Cluster not found.", ecs.list_services, cluster="nope")
refused("ClientException", "Unable to describe task definition.", ecs.describe_task_definition,
        taskDefinition="nothing")
refused("ClientException", "Container.image should not be null or empty.", ecs.register_task_definition,
        family="f", containerDefinitions=[{"name": "web"}])
ecs.create_cluster(clusterName="fid")
refused("InvalidParameterException", "Tasks cannot be empty.", ecs.describe_tasks, cluster="fid", tasks=[])

step("Fargate's rules")
fargate = dict(family="f", requiresCompatibilities=["FARGATE"], networkMode="awsvpc", cpu="256", memory="512",
               containerDefinitions=[{"name": "web", "image": "mooring/exec", "command": ["sleep", "60"]}])
refused("ClientException", "Fargate only supports network mode \u2018awsvpc\u2019.", ecs.register_task_definition,
        **{**fargate, "networkMode": "bridge"})
refused("ClientException", "No Fargate configuration exists for given values: 512 CPU, 512 memory. See the Amazon ECS"
        " documentation for the valid values.", ecs.register_task_definition, **{**fargate, "cpu": "512"})
refused("ClientException", "Tasks using the Fargate launch type do not support pidMode 'host'. The supported value"
        " for pidMode is 'task'.", ecs.register_task_definition, **{**fargate, "pidMode": "host"})
td = ecs.register_task_definition(**fargate)["taskDefinition"]
assert "FARGATE" in td["compatibilities"], td
assert td["containerDefinitions"][0]["mountPoints"] == [] and td["containerDefinitions"][0]["volumesFrom"] == []

step("capacity providers and a task placed by the cluster's default strategy")
names = [p["name"] for p in ecs.describe_capacity_providers()["capacityProviders"]]
assert names == ["FARGATE", "FARGATE_SPOT"], names
ecs.put_cluster_capacity_providers(cluster="fid", capacityProviders=["FARGATE", "FARGATE_SPOT"],
                                   defaultCapacityProviderStrategy=[{"capacityProvider": "FARGATE_SPOT", "weight": 1}])
task = ecs.run_task(cluster="fid", taskDefinition="f")["tasks"][0]
assert task["capacityProviderName"] == "FARGATE_SPOT" and task["launchType"] == "FARGATE", task
refused("UnsupportedFeatureException", None, ecs.create_capacity_provider, name="asg",
        autoScalingGroupProvider={"autoScalingGroupArn": "arn:aws:autoscaling:us-east-1:000000000000:x"})

step("task protection, tags [] when asked for")
protected = ecs.update_task_protection(cluster="fid", tasks=[task["taskArn"]], protectionEnabled=True,
                                       expiresInMinutes=5)["protectedTasks"]
assert protected[0]["protectionEnabled"] is True and "expirationDate" in protected[0], protected
described = ecs.describe_tasks(cluster="fid", tasks=[task["taskArn"]], include=["TAGS"])["tasks"][0]
assert described["tags"] == [], described.get("tags")

step("account settings")
ecs.put_account_setting_default(name="containerInsights", value="enabled")
settings = ecs.list_account_settings(name="containerInsights", effectiveSettings=True)["settings"]
assert settings[0]["value"] == "enabled", settings
refused("InvalidParameterException", None, ecs.put_account_setting, name="serviceLongArnFormat", value="disabled")

step("a deleted cluster is still listed, INACTIVE")
ecs.create_cluster(clusterName="gone")
ecs.delete_cluster(cluster="gone")
assert any(a.endswith(":cluster/gone") for a in ecs.list_clusters()["clusterArns"])
assert ecs.describe_clusters(clusters=["gone"])["clusters"][0]["status"] == "INACTIVE"

step("task sets of a service with the EXTERNAL deployment controller")
ecs.create_service(cluster="fid", serviceName="ext", desiredCount=4, deploymentController={"type": "EXTERNAL"})
ecs.create_service(cluster="fid", serviceName="rolling", taskDefinition="f", desiredCount=0)
refused("InvalidParameterException", "Amazon ECS only supports task set management on services configured to use"
        " external deployment controllers.", ecs.create_task_set, cluster="fid", service="rolling", taskDefinition="f")
blue = ecs.create_task_set(cluster="fid", service="ext", taskDefinition="f", launchType="FARGATE",
                           scale={"value": 50.0, "unit": "PERCENT"})["taskSet"]
assert blue["computedDesiredCount"] == 2 and blue["status"] == "ACTIVE", blue
blue = ecs.update_task_set(cluster="fid", service="ext", taskSet=blue["id"],
                           scale={"value": 25.0, "unit": "PERCENT"})["taskSet"]
assert blue["computedDesiredCount"] == 1, blue
assert ecs.update_service_primary_task_set(cluster="fid", service="ext",
                                           primaryTaskSet=blue["taskSetArn"])["taskSet"]["status"] == "PRIMARY"
described = ecs.describe_task_sets(cluster="fid", service="ext", taskSets=[blue["id"], "ecs-svc/1"])
assert [t["id"] for t in described["taskSets"]] == [blue["id"]] and described["failures"][0]["reason"] == "MISSING"
deadline = time.monotonic() + 20
while not ecs.list_tasks(cluster="fid", serviceName="ext", startedBy=blue["id"])["taskArns"]:
    assert time.monotonic() < deadline, "the task set started no task"
    time.sleep(0.1)
refused("TaskSetNotFoundException", None, ecs.delete_task_set, cluster="fid", service="ext", taskSet="ecs-svc/1")
assert ecs.delete_task_set(cluster="fid", service="ext", taskSet=blue["id"],
                           force=True)["taskSet"]["status"] == "DRAINING"

step("Cloud Map: namespace updates")
op = sd.create_http_namespace(Name="fid-http")["OperationId"]
http_id = sd.get_operation(OperationId=op)["Operation"]["Targets"]["NAMESPACE"]
sd.update_http_namespace(Id=http_id, Namespace={"Description": "changed"})
assert sd.get_namespace(Id=http_id)["Namespace"]["Description"] == "changed"
op = sd.create_private_dns_namespace(Name="fid.internal", Vpc="vpc-1")["OperationId"]
dns_id = sd.get_operation(OperationId=op)["Operation"]["Targets"]["NAMESPACE"]
update = sd.update_private_dns_namespace(Id=dns_id, Namespace={
    "Properties": {"DnsProperties": {"SOA": {"TTL": 120}}}})
assert sd.get_operation(OperationId=update["OperationId"])["Operation"]["Type"] == "UPDATE_NAMESPACE"
ns = sd.get_namespace(Id=dns_id)["Namespace"]
assert ns["Properties"]["DnsProperties"]["SOA"]["TTL"] == 120, ns
refused("InvalidInput", None, sd.update_public_dns_namespace, Id=dns_id, Namespace={"Description": "x"})

step("Cloud Map: service attributes and the instances revision")
service = sd.create_service(Name="api", NamespaceId=http_id)["Service"]
sd.update_service_attributes(ServiceId=service["Id"], Attributes={"team": "a", "tier": "web"})
sd.delete_service_attributes(ServiceId=service["Id"], Attributes=["tier"])
attributes = sd.get_service_attributes(ServiceId=service["Id"])["ServiceAttributes"]
assert attributes["Attributes"] == {"team": "a"} and attributes["ServiceArn"] == service["Arn"], attributes
before = sd.discover_instances_revision(NamespaceName="fid-http", ServiceName="api")["InstancesRevision"]
sd.register_instance(ServiceId=service["Id"], InstanceId="i-1", Attributes={"AWS_INSTANCE_IPV4": "198.18.0.9"})
after = sd.discover_instances_revision(NamespaceName="fid-http", ServiceName="api")["InstancesRevision"]
assert before != after, (before, after)
assert sd.discover_instances_revision(NamespaceName="fid-http", ServiceName="api")["InstancesRevision"] == after
refused("ServiceNotFound", None, sd.get_service_attributes, ServiceId="srv-nothing00000000")

print("fidelity_boto3.py: all steps passed")
sys.exit(0)
