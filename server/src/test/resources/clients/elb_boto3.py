"""Drives Mooring's ELBv2 and Route 53 APIs with boto3 as a user would, waiters and paginators included. Needs
MOORING_URL. Starts one HTTP server of its own on loopback as the target and stops it on exit. Raises (exit 1) on the
first deviation."""
import http.server
import os
import threading
import time

import boto3
from botocore.exceptions import ClientError

URL = os.environ["MOORING_URL"]
kw = dict(endpoint_url=URL, region_name="eu-west-1", aws_access_key_id="test", aws_secret_access_key="test")
elb = boto3.client("elbv2", **kw)
r53 = boto3.client("route53", **kw)
FAST = {"Delay": 1, "MaxAttempts": 60}


def step(msg):
    print("==", msg, flush=True)


def expect(code, fn, **args):
    try:
        fn(**args)
    except ClientError as e:
        assert e.response["Error"]["Code"] == code, (code, e.response)
        assert e.response["ResponseMetadata"]["RequestId"], e.response
        return e
    raise AssertionError(f"expected {code} from {fn.__name__}")


class Health(http.server.BaseHTTPRequestHandler):
    status = 200

    def do_GET(self):
        self.send_response(Health.status)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


target = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Health)
threading.Thread(target=target.serve_forever, daemon=True).start()
port = target.server_address[1]

try:
    step("an internal load balancer, regional")
    lb = elb.create_load_balancer(Name="py-alb", Scheme="internal", Subnets=["subnet-1"])["LoadBalancers"][0]
    assert lb["LoadBalancerArn"].startswith("arn:aws:elasticloadbalancing:eu-west-1:"), lb
    assert lb["DNSName"].startswith("internal-py-alb-") and lb["DNSName"].endswith(".eu-west-1.elb.amazonaws.com"), lb
    assert lb["State"]["Code"] == "provisioning", lb
    assert lb["CreatedTime"].year >= 2024, lb
    other = boto3.client("elbv2", **{**kw, "region_name": "us-west-2"})
    assert other.describe_load_balancers()["LoadBalancers"] == []
    expect("LoadBalancerNotFound", other.describe_load_balancers, LoadBalancerArns=[lb["LoadBalancerArn"]])
    elb.get_waiter("load_balancer_available").wait(LoadBalancerArns=[lb["LoadBalancerArn"]], WaiterConfig=FAST)

    step("bad input: wrong enum value, number, unsupported protocol")
    e = expect("ValidationError", elb.create_load_balancer, Name="x", Scheme="public")
    assert "internet-facing" in e.response["Error"]["Message"], e.response
    expect("UnsupportedProtocol", elb.create_target_group, Name="tcp", Protocol="TCP", Port=80, VpcId="vpc-1",
           TargetType="ip")
    expect("ValidationError", elb.create_listener, LoadBalancerArn=lb["LoadBalancerArn"], Protocol="HTTPS", Port=443,
           DefaultActions=[{"Type": "fixed-response", "FixedResponseConfig": {"StatusCode": "200"}}])

    step("a target group with the sample's health check path and deregistration delay")
    tg = elb.create_target_group(Name="py-tg", Protocol="HTTP", Port=port, VpcId="vpc-1", TargetType="ip",
                                 HealthCheckPath="/api/getvotes", HealthCheckIntervalSeconds=5,
                                 HealthCheckTimeoutSeconds=2, HealthyThresholdCount=2,
                                 UnhealthyThresholdCount=2)["TargetGroups"][0]
    tg_arn = tg["TargetGroupArn"]
    assert tg["HealthCheckTimeoutSeconds"] == 2 and tg["HealthCheckPath"] == "/api/getvotes", tg
    attrs = elb.modify_target_group_attributes(TargetGroupArn=tg_arn, Attributes=[
        {"Key": "deregistration_delay.timeout_seconds", "Value": "1"}])["Attributes"]
    assert {"Key": "deregistration_delay.timeout_seconds", "Value": "1"} in attrs, attrs
    assert {"Key": "load_balancing.algorithm.type", "Value": "round_robin"} in attrs, attrs

    step("a target is unused until a listener forwards to its group")
    elb.register_targets(TargetGroupArn=tg_arn, Targets=[{"Id": "127.0.0.1"}])
    th = elb.describe_target_health(TargetGroupArn=tg_arn)["TargetHealthDescriptions"]
    assert th[0]["TargetHealth"] == {"State": "unused", "Reason": "Target.NotInUse",
                                     "Description": "Target group is not configured to receive traffic from the load balancer"}, th
    listener = elb.create_listener(LoadBalancerArn=lb["LoadBalancerArn"], Protocol="HTTP", Port=4567,
                                   DefaultActions=[{"Type": "forward", "TargetGroupArn": tg_arn}])["Listeners"][0]
    assert listener["DefaultActions"][0]["ForwardConfig"]["TargetGroups"] == [{"TargetGroupArn": tg_arn, "Weight": 1}]

    step("waiter: target_in_service")
    elb.get_waiter("target_in_service").wait(TargetGroupArn=tg_arn, WaiterConfig=FAST)

    step("a failing health check turns the target unhealthy with ALB's reason code")
    Health.status = 500
    deadline = time.time() + 30
    while time.time() < deadline:
        h = elb.describe_target_health(TargetGroupArn=tg_arn)["TargetHealthDescriptions"][0]["TargetHealth"]
        if h["State"] == "unhealthy":
            break
        time.sleep(0.5)
    assert h == {"State": "unhealthy", "Reason": "Target.ResponseCodeMismatch",
                 "Description": "Health checks failed with these codes: [500]"}, h
    Health.status = 200
    elb.get_waiter("target_in_service").wait(TargetGroupArn=tg_arn, WaiterConfig=FAST)

    step("modify the health check: the matcher is checked")
    expect("ValidationError", elb.modify_target_group, TargetGroupArn=tg_arn, Matcher={"HttpCode": "600"})
    mod = elb.modify_target_group(TargetGroupArn=tg_arn, Matcher={"HttpCode": "200-299"})["TargetGroups"][0]
    assert mod["Matcher"]["HttpCode"] == "200-299" and mod["LoadBalancerArns"] == [lb["LoadBalancerArn"]], mod

    step("deregistration, then waiter: target_deregistered")
    elb.deregister_targets(TargetGroupArn=tg_arn, Targets=[{"Id": "127.0.0.1", "Port": port}])
    elb.get_waiter("target_deregistered").wait(TargetGroupArn=tg_arn, Targets=[{"Id": "127.0.0.1", "Port": port}],
                                               WaiterConfig=FAST)
    assert elb.describe_target_health(TargetGroupArn=tg_arn)["TargetHealthDescriptions"] == []

    step("Marker pagination over load balancers")
    for i in range(3):
        elb.create_load_balancer(Name=f"page-{i}", Subnets=["subnet-1"])
    names, marker = [], None
    while True:
        page = elb.describe_load_balancers(PageSize=2, **({"Marker": marker} if marker else {}))
        names += [x["LoadBalancerName"] for x in page["LoadBalancers"]]
        marker = page.get("NextMarker")
        if not marker:
            break
    assert sorted(names) == ["page-0", "page-1", "page-2", "py-alb"], names
    expect("ValidationError", elb.describe_load_balancers, PageSize=401)

    step("Route 53: zone, alias record to the load balancer, waiter resource_record_sets_changed")
    zone = r53.create_hosted_zone(Name="yelb.lb.internal", CallerReference=str(time.time()),
                                  VPC={"VPCRegion": "eu-west-1", "VPCId": "vpc-1"},
                                  HostedZoneConfig={"Comment": "sample", "PrivateZone": True})
    zone_id = zone["HostedZone"]["Id"]
    assert zone["ResponseMetadata"]["HTTPStatusCode"] == 201, zone["ResponseMetadata"]
    assert zone["HostedZone"]["Config"] == {"Comment": "sample", "PrivateZone": True}, zone
    change = r53.change_resource_record_sets(HostedZoneId=zone_id, ChangeBatch={"Changes": [
        {"Action": "CREATE", "ResourceRecordSet": {
            "Name": "yelb-appserver.yelb.lb.internal", "Type": "A", "SetIdentifier": "yelb-appserver",
            "Region": "eu-west-1", "AliasTarget": {"HostedZoneId": lb["CanonicalHostedZoneId"],
                                                  "DNSName": lb["DNSName"], "EvaluateTargetHealth": False}}}]})
    r53.get_waiter("resource_record_sets_changed").wait(Id=change["ChangeInfo"]["Id"], WaiterConfig=FAST)
    sets = r53.list_resource_record_sets(HostedZoneId=zone_id)["ResourceRecordSets"]
    assert sets[0]["AliasTarget"]["DNSName"] == lb["DNSName"].lower() + ".", sets

    step("Route 53 tags on the zone")
    r53.change_tags_for_resource(ResourceType="hostedzone", ResourceId=zone_id,
                                 AddTags=[{"Key": "app", "Value": "yelb"}, {"Key": "tier", "Value": "lb"}])
    r53.change_tags_for_resource(ResourceType="hostedzone", ResourceId=zone_id, RemoveTagKeys=["tier"])
    tag_set = r53.list_tags_for_resource(ResourceType="hostedzone", ResourceId=zone_id)["ResourceTagSet"]
    assert tag_set["Tags"] == [{"Key": "app", "Value": "yelb"}], tag_set
    expect("NoSuchHostedZone", r53.list_tags_for_resource, ResourceType="hostedzone", ResourceId="ZNOPE")

    step("Route 53 paginators and errors")
    for i in range(3):
        r53.change_resource_record_sets(HostedZoneId=zone_id, ChangeBatch={"Changes": [
            {"Action": "UPSERT", "ResourceRecordSet": {"Name": f"r{i}.yelb.lb.internal", "Type": "A", "TTL": 30,
                                                       "ResourceRecords": [{"Value": f"198.18.0.{i + 1}"}]}}]})
    pages = list(r53.get_paginator("list_resource_record_sets").paginate(
        HostedZoneId=zone_id, PaginationConfig={"PageSize": 1}))
    assert len(pages) == 4 and sum(len(p["ResourceRecordSets"]) for p in pages) == 4, pages
    expect("InvalidChangeBatch", r53.change_resource_record_sets, HostedZoneId=zone_id, ChangeBatch={"Changes": [
        {"Action": "CREATE", "ResourceRecordSet": {"Name": "r0.yelb.lb.internal", "Type": "A", "TTL": 30,
                                                   "ResourceRecords": [{"Value": "198.18.0.1"}]}}]})
    expect("InvalidChangeBatch", r53.change_resource_record_sets, HostedZoneId=zone_id, ChangeBatch={"Changes": [
        {"Action": "CREATE", "ResourceRecordSet": {"Name": "bad.yelb.lb.internal", "Type": "A", "TTL": 30,
                                                   "ResourceRecords": [{"Value": "999.1.1.1"}]}}]})
    e = expect("NoSuchHostedZone", r53.get_hosted_zone, Id="ZNOPE")
    assert e.response["ResponseMetadata"]["HTTPStatusCode"] == 404, e.response
    expect("NoSuchChange", r53.get_change, Id="CNOPE")
    zones = [z for p in r53.get_paginator("list_hosted_zones").paginate(PaginationConfig={"PageSize": 1})
             for z in p["HostedZones"]]
    ids = [z["Id"] for z in zones]
    assert zone_id in ids and len(ids) == len(set(ids)), ids
    assert sorted(ids) == sorted(z["Id"] for z in r53.list_hosted_zones()["HostedZones"]), ids

    step("ECS services' loadBalancers are checked against the target group and the task definition")
    ecs = boto3.client("ecs", **kw)
    ecs.create_cluster(clusterName="lb")
    ecs.register_task_definition(
        family="app", networkMode="awsvpc", requiresCompatibilities=["FARGATE"], cpu="256", memory="512",
        containerDefinitions=[{"name": "app", "image": "mooring/exec", "command": ["sleep", "3600"],
                               "portMappings": [{"containerPort": 4567}]}])
    lonely = elb.create_target_group(Name="lonely", Protocol="HTTP", Port=4567, VpcId="vpc-1",
                                     TargetType="ip")["TargetGroups"][0]["TargetGroupArn"]
    service = dict(cluster="lb", serviceName="app", taskDefinition="app", desiredCount=1, launchType="FARGATE")
    cases = [({"targetGroupArn": tg_arn + "0", "containerName": "app", "containerPort": 4567}, "does not exist"),
             ({"targetGroupArn": lonely, "containerName": "app", "containerPort": 4567},
              "does not have an associated load balancer"),
             ({"targetGroupArn": tg_arn, "containerName": "web", "containerPort": 4567},
              "The container web does not exist in the task definition"),
             ({"targetGroupArn": tg_arn, "containerName": "app", "containerPort": 80},
              "did not have a container port 80 defined")]
    for lb_ref, message in cases:
        e = expect("InvalidParameterException", ecs.create_service, loadBalancers=[lb_ref], **service)
        assert message in e.response["Error"]["Message"], (message, e.response)
    created = ecs.create_service(loadBalancers=[{"targetGroupArn": tg_arn, "containerName": "app",
                                                 "containerPort": 4567}], **service)["service"]
    assert created["loadBalancers"][0]["targetGroupArn"] == tg_arn, created
    elb.delete_target_group(TargetGroupArn=lonely)
    ecs.delete_service(cluster="lb", service="app", force=True)

    step("clean up: records, zone, listener, target group, load balancers")
    for s in r53.list_resource_record_sets(HostedZoneId=zone_id)["ResourceRecordSets"]:
        r53.change_resource_record_sets(HostedZoneId=zone_id,
                                        ChangeBatch={"Changes": [{"Action": "DELETE", "ResourceRecordSet": s}]})
    r53.delete_hosted_zone(Id=zone_id)
    elb.delete_listener(ListenerArn=listener["ListenerArn"])
    elb.delete_target_group(TargetGroupArn=tg_arn)
    for x in elb.describe_load_balancers()["LoadBalancers"]:
        elb.delete_load_balancer(LoadBalancerArn=x["LoadBalancerArn"])
    elb.get_waiter("load_balancers_deleted").wait(LoadBalancerArns=[lb["LoadBalancerArn"]], WaiterConfig=FAST)
finally:
    target.shutdown()

print("elb_boto3.py: all steps passed")
