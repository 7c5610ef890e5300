package dev.mooring.control;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A valid request body for every operation, aimed at one set of seeded resources, and the members each operation
 * cannot do without. Hostile bodies are these with one member spoiled, so that the spoiled member is the only thing
 * wrong and the request gets as deep into the operation as it can.
 */
final class ValidBodies {
    static final String ECS = "AmazonEC2ContainerServiceV20141113.";
    static final String CLOUD_MAP = "Route53AutoNaming_v20170314.";

    /** The seeded resources a body names; {@code prefix} keeps two such sets apart. */
    record Names(String prefix, String clusterArn, String taskId, String namespaceId, String namespaceArn,
                 String cmServiceId, String cmServiceArn, String operationId) {
        String cluster() {
            return prefix + "-cluster";
        }

        String family() {
            return prefix + "-td";
        }

        String service() {
            return prefix + "-service";
        }

        String namespace() {
            return prefix + "-ns";
        }

        String cmService() {
            return prefix + "-cm";
        }

        String instance() {
            return prefix + "-i1";
        }
    }

    private ValidBodies() {}

    /** Keys and values in order, as a JSON object for Jackson to write. */
    static Map<String, Object> obj(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }

    static Map<String, Object> containerDefinition() {
        return obj("name", "app", "image", "nginx:1.27", "cpu", 0, "memory", 128,
                "portMappings", List.of(obj("containerPort", 80, "hostPort", 80, "protocol", "tcp", "name", "http",
                        "appProtocol", "http")),
                "essential", true, "command", List.of("sleep", "60"),
                "environment", List.of(obj("name", "MODE", "value", "test")),
                "dependsOn", List.of(),
                "healthCheck", obj("command", List.of("CMD-SHELL", "true"), "interval", 30, "timeout", 5,
                        "retries", 3, "startPeriod", 0),
                "stopTimeout", 30, "dockerLabels", obj("team", "mooring"),
                "logConfiguration", obj("logDriver", "awslogs", "options", obj("awslogs-group", "g")));
    }

    private static final Map<String, Function<Names, Map<String, Object>>> ECS_BODIES = Map.ofEntries(
            Map.entry("CreateCluster", n -> obj("clusterName", n.prefix() + "-new-cluster",
                    "tags", List.of(obj("key", "team", "value", "mooring")),
                    "settings", List.of(obj("name", "containerInsights", "value", "disabled")),
                    "configuration", obj(), "capacityProviders", List.of("FARGATE"),
                    "defaultCapacityProviderStrategy", List.of(obj("capacityProvider", "FARGATE", "weight", 1)),
                    "serviceConnectDefaults", obj("namespace", n.namespace()))),
            Map.entry("UpdateCluster", n -> obj("cluster", n.cluster(),
                    "settings", List.of(obj("name", "containerInsights", "value", "enabled")),
                    "configuration", obj(), "serviceConnectDefaults", obj("namespace", n.namespace()))),
            Map.entry("DeleteCluster", n -> obj("cluster", n.cluster())),
            Map.entry("DescribeClusters", n -> obj("clusters", List.of(n.cluster()), "include", List.of("TAGS"))),
            Map.entry("ListClusters", n -> obj("maxResults", 10)),
            Map.entry("RegisterTaskDefinition", n -> obj("family", n.family(), "networkMode", "awsvpc",
                    "containerDefinitions", List.of(containerDefinition()), "cpu", "256", "memory", "512",
                    "requiresCompatibilities", List.of("FARGATE"), "volumes", List.of(),
                    "placementConstraints", List.of(), "tags", List.of(obj("key", "team", "value", "mooring")),
                    "runtimePlatform", obj("operatingSystemFamily", "LINUX"),
                    "ephemeralStorage", obj("sizeInGiB", 21), "enableFaultInjection", false)),
            Map.entry("DeregisterTaskDefinition", n -> obj("taskDefinition", n.family() + ":1")),
            Map.entry("DescribeTaskDefinition", n -> obj("taskDefinition", n.family(), "include", List.of("TAGS"))),
            Map.entry("ListTaskDefinitions", n -> obj("familyPrefix", n.family(), "status", "ACTIVE", "sort", "DESC",
                    "maxResults", 10)),
            Map.entry("ListTaskDefinitionFamilies", n -> obj("familyPrefix", n.prefix(), "status", "ALL",
                    "maxResults", 10)),
            Map.entry("CreateService", n -> obj("cluster", n.cluster(), "serviceName", n.prefix() + "-new-service",
                    "taskDefinition", n.family(), "desiredCount", 0, "launchType", "FARGATE",
                    "clientToken", "token-1", "schedulingStrategy", "REPLICA",
                    "deploymentController", obj("type", "ECS"),
                    "deploymentConfiguration", obj("maximumPercent", 200, "minimumHealthyPercent", 50,
                            "deploymentCircuitBreaker", obj("enable", true, "rollback", true)),
                    "networkConfiguration", obj("awsvpcConfiguration", obj("subnets", List.of("subnet-1"))),
                    "serviceRegistries", List.of(obj("registryArn", n.cmServiceArn(), "containerName", "app",
                            "containerPort", 80)),
                    "serviceConnectConfiguration", obj("enabled", true, "namespace", n.namespace(),
                            "services", List.of(obj("portName", "http", "discoveryName", n.prefix() + "-new-disc",
                                    "ingressPortOverride", 8081,
                                    "clientAliases", List.of(obj("port", 8080, "dnsName", n.prefix() + "-new.local"))))),
                    "healthCheckGracePeriodSeconds", 10, "tags", List.of(obj("key", "team", "value", "mooring")),
                    "enableECSManagedTags", true, "propagateTags", "SERVICE", "enableExecuteCommand", false)),
            Map.entry("UpdateService", n -> obj("cluster", n.cluster(), "service", n.service(), "desiredCount", 0,
                    "taskDefinition", n.family(), "forceNewDeployment", false,
                    "deploymentConfiguration", obj("maximumPercent", 200, "minimumHealthyPercent", 100),
                    "serviceConnectConfiguration", obj("enabled", true, "namespace", n.namespace(),
                            "services", List.of(obj("portName", "http", "discoveryName", n.prefix() + "-disc",
                                    "clientAliases", List.of(obj("port", 8080))))),
                    "healthCheckGracePeriodSeconds", 10, "enableExecuteCommand", false,
                    "propagateTags", "SERVICE")),
            Map.entry("DeleteService", n -> obj("cluster", n.cluster(), "service", n.service(), "force", true)),
            Map.entry("DescribeServices", n -> obj("cluster", n.cluster(), "services", List.of(n.service()),
                    "include", List.of("TAGS"))),
            Map.entry("ListServices", n -> obj("cluster", n.cluster(), "maxResults", 10, "launchType", "FARGATE",
                    "schedulingStrategy", "REPLICA")),
            Map.entry("ListServicesByNamespace", n -> obj("namespace", n.namespace(), "maxResults", 10)),
            Map.entry("RunTask", n -> obj("cluster", n.cluster(), "taskDefinition", n.family(), "count", 1,
                    "group", "batch", "launchType", "FARGATE", "startedBy", "bad-input-test",
                    "networkConfiguration", obj("awsvpcConfiguration", obj("subnets", List.of("subnet-1"))),
                    "overrides", obj("containerOverrides", List.of(obj("name", "app", "command", List.of("true"),
                            "environment", List.of(obj("name", "MODE", "value", "override")))),
                            "cpu", "256", "memory", "512"),
                    "tags", List.of(obj("key", "team", "value", "mooring")), "clientToken", "run-1")),
            Map.entry("StopTask", n -> obj("cluster", n.cluster(), "task", n.taskId(), "reason", "bad input test")),
            Map.entry("DescribeTasks", n -> obj("cluster", n.cluster(), "tasks", List.of(n.taskId()),
                    "include", List.of("TAGS"))),
            Map.entry("ListTasks", n -> obj("cluster", n.cluster(), "family", n.family(), "maxResults", 10,
                    "desiredStatus", "RUNNING", "launchType", "FARGATE", "startedBy", "bad-input-test")),
            Map.entry("TagResource", n -> obj("resourceArn", n.clusterArn(),
                    "tags", List.of(obj("key", "extra", "value", "v")))),
            Map.entry("UntagResource", n -> obj("resourceArn", n.clusterArn(), "tagKeys", List.of("extra"))),
            Map.entry("ListTagsForResource", n -> obj("resourceArn", n.clusterArn())),
            Map.entry("PutClusterCapacityProviders", n -> obj("cluster", n.cluster(),
                    "capacityProviders", List.of("FARGATE", "FARGATE_SPOT"), "defaultCapacityProviderStrategy",
                    List.of(obj("capacityProvider", "FARGATE", "weight", 1, "base", 0)))),
            Map.entry("UpdateClusterSettings", n -> obj("cluster", n.cluster(),
                    "settings", List.of(obj("name", "containerInsights", "value", "enabled")))),
            Map.entry("DescribeCapacityProviders", n -> obj("capacityProviders", List.of("FARGATE"),
                    "include", List.of("TAGS"), "maxResults", 10)),
            Map.entry("CreateCapacityProvider", n -> obj("name", n.prefix() + "-cp")),
            Map.entry("UpdateCapacityProvider", n -> obj("name", n.prefix() + "-cp")),
            Map.entry("DeleteCapacityProvider", n -> obj("capacityProvider", n.prefix() + "-cp")),
            Map.entry("ListContainerInstances", n -> obj("cluster", n.cluster(), "maxResults", 10,
                    "status", "ACTIVE")),
            Map.entry("DescribeContainerInstances", n -> obj("cluster", n.cluster(),
                    "containerInstances", List.of("0123456789abcdef"), "include", List.of("TAGS"))),
            Map.entry("DeleteTaskDefinitions", n -> obj("taskDefinitions", List.of(n.family() + ":1"))),
            Map.entry("UpdateTaskProtection", n -> obj("cluster", n.cluster(), "tasks", List.of(n.taskId()),
                    "protectionEnabled", true, "expiresInMinutes", 60)),
            Map.entry("GetTaskProtection", n -> obj("cluster", n.cluster(), "tasks", List.of(n.taskId()))),
            Map.entry("PutAccountSetting", n -> obj("name", "containerInsights", "value", "enabled",
                    "principalArn", "arn:aws:iam::123456789012:user/" + n.prefix())),
            Map.entry("PutAccountSettingDefault", n -> obj("name", "containerInsights", "value", "enabled")),
            Map.entry("DeleteAccountSetting", n -> obj("name", "containerInsights",
                    "principalArn", "arn:aws:iam::123456789012:user/" + n.prefix())),
            Map.entry("ListAccountSettings", n -> obj("name", "containerInsights", "effectiveSettings", true,
                    "maxResults", 10)),
            Map.entry("ListServiceDeployments", n -> obj("cluster", n.cluster(), "service", n.service(),
                    "status", List.of("IN_PROGRESS", "SUCCESSFUL"), "createdAt", obj("after", 0), "maxResults", 10)),
            Map.entry("DescribeServiceDeployments", n -> obj("serviceDeploymentArns", List.of(
                    "arn:aws:ecs:us-east-1:123456789012:service-deployment/" + n.cluster() + "/" + n.service()
                            + "/1"))),
            Map.entry("DescribeServiceRevisions", n -> obj("serviceRevisionArns", List.of(
                    "arn:aws:ecs:us-east-1:123456789012:service-revision/" + n.cluster() + "/" + n.service()
                            + "/1"))),
            Map.entry("StopServiceDeployment", n -> obj("serviceDeploymentArn",
                    "arn:aws:ecs:us-east-1:123456789012:service-deployment/" + n.cluster() + "/" + n.service()
                            + "/1", "stopType", "ROLLBACK")),
            Map.entry("CreateTaskSet", n -> obj("cluster", n.cluster(), "service", n.service(),
                    "taskDefinition", n.family(), "externalId", "blue", "launchType", "FARGATE",
                    "scale", obj("value", 50.0, "unit", "PERCENT"),
                    "tags", List.of(obj("key", "team", "value", "mooring")))),
            Map.entry("DescribeTaskSets", n -> obj("cluster", n.cluster(), "service", n.service(),
                    "taskSets", List.of("ecs-svc/1234567890123456789"), "include", List.of("TAGS"))),
            Map.entry("UpdateTaskSet", n -> obj("cluster", n.cluster(), "service", n.service(),
                    "taskSet", "ecs-svc/1234567890123456789", "scale", obj("value", 50.0, "unit", "PERCENT"))),
            Map.entry("DeleteTaskSet", n -> obj("cluster", n.cluster(), "service", n.service(),
                    "taskSet", "ecs-svc/1234567890123456789", "force", true)),
            Map.entry("UpdateServicePrimaryTaskSet", n -> obj("cluster", n.cluster(), "service", n.service(),
                    "primaryTaskSet", "ecs-svc/1234567890123456789")));

    private static final Map<String, Function<Names, Map<String, Object>>> CLOUD_MAP_BODIES = Map.ofEntries(
            Map.entry("CreateHttpNamespace", n -> obj("Name", n.prefix() + "-new-ns", "CreatorRequestId", "c-1",
                    "Description", "d", "Tags", List.of(obj("Key", "team", "Value", "mooring")))),
            Map.entry("CreatePrivateDnsNamespace", n -> obj("Name", n.prefix() + "-new.local", "Vpc", "vpc-1",
                    "CreatorRequestId", "c-2", "Description", "d",
                    "Tags", List.of(obj("Key", "team", "Value", "mooring")),
                    "Properties", obj("DnsProperties", obj("SOA", obj("TTL", 60))))),
            Map.entry("CreatePublicDnsNamespace", n -> obj("Name", n.prefix() + "-new.example", "CreatorRequestId",
                    "c-3", "Description", "d", "Tags", List.of(obj("Key", "team", "Value", "mooring")),
                    "Properties", obj("DnsProperties", obj("SOA", obj("TTL", 60))))),
            Map.entry("DeleteNamespace", n -> obj("Id", n.namespaceId())),
            Map.entry("GetNamespace", n -> obj("Id", n.namespaceId())),
            Map.entry("ListNamespaces", n -> obj("MaxResults", 10,
                    "Filters", List.of(obj("Name", "TYPE", "Values", List.of("HTTP"), "Condition", "EQ")))),
            Map.entry("CreateService", n -> obj("Name", n.prefix() + "-new-cm", "NamespaceId", n.namespaceId(),
                    "CreatorRequestId", "c-4", "Description", "d",
                    "HealthCheckCustomConfig", obj("FailureThreshold", 1),
                    "Tags", List.of(obj("Key", "team", "Value", "mooring")), "Type", "HTTP")),
            Map.entry("GetService", n -> obj("Id", n.cmServiceId())),
            Map.entry("UpdateService", n -> obj("Id", n.cmServiceId(), "Service", obj("Description", "changed"))),
            Map.entry("ListServices", n -> obj("MaxResults", 10, "Filters", List.of(obj("Name", "NAMESPACE_ID",
                    "Values", List.of(n.namespaceId()), "Condition", "EQ")))),
            Map.entry("DeleteService", n -> obj("Id", n.cmServiceId())),
            Map.entry("RegisterInstance", n -> obj("ServiceId", n.cmServiceId(), "InstanceId", n.prefix() + "-i2",
                    "CreatorRequestId", "c-5", "Attributes", obj("AWS_INSTANCE_IPV4", "198.18.0.9",
                            "AWS_INSTANCE_PORT", "80", "color", "blue"))),
            Map.entry("DeregisterInstance", n -> obj("ServiceId", n.cmServiceId(), "InstanceId", n.instance())),
            Map.entry("ListInstances", n -> obj("ServiceId", n.cmServiceId(), "MaxResults", 10)),
            Map.entry("GetInstance", n -> obj("ServiceId", n.cmServiceId(), "InstanceId", n.instance())),
            Map.entry("GetInstancesHealthStatus", n -> obj("ServiceId", n.cmServiceId(),
                    "Instances", List.of(n.instance()), "MaxResults", 10)),
            Map.entry("UpdateInstanceCustomHealthStatus", n -> obj("ServiceId", n.cmServiceId(),
                    "InstanceId", n.instance(), "Status", "HEALTHY")),
            Map.entry("DiscoverInstances", n -> obj("NamespaceName", n.namespace(), "ServiceName", n.cmService(),
                    "MaxResults", 10, "QueryParameters", obj("color", "blue"), "OptionalParameters", obj(),
                    "HealthStatus", "ALL")),
            Map.entry("GetOperation", n -> obj("OperationId", n.operationId())),
            Map.entry("ListOperations", n -> obj("MaxResults", 10, "Filters", List.of(obj("Name", "STATUS",
                    "Values", List.of("SUCCESS"), "Condition", "EQ")))),
            Map.entry("TagResource", n -> obj("ResourceARN", n.namespaceArn(),
                    "Tags", List.of(obj("Key", "extra", "Value", "v")))),
            Map.entry("UntagResource", n -> obj("ResourceARN", n.namespaceArn(), "TagKeys", List.of("extra"))),
            Map.entry("ListTagsForResource", n -> obj("ResourceARN", n.namespaceArn())),
            Map.entry("UpdateHttpNamespace", n -> obj("Id", n.namespaceId(), "UpdaterRequestId", "u-1",
                    "Namespace", obj("Description", "updated"))),
            Map.entry("UpdatePrivateDnsNamespace", n -> obj("Id", n.namespaceId(), "UpdaterRequestId", "u-2",
                    "Namespace", obj("Description", "updated", "Properties",
                            obj("DnsProperties", obj("SOA", obj("TTL", 60)))))),
            Map.entry("UpdatePublicDnsNamespace", n -> obj("Id", n.namespaceId(), "UpdaterRequestId", "u-3",
                    "Namespace", obj("Description", "updated", "Properties",
                            obj("DnsProperties", obj("SOA", obj("TTL", 60)))))),
            Map.entry("GetServiceAttributes", n -> obj("ServiceId", n.cmServiceId())),
            Map.entry("UpdateServiceAttributes", n -> obj("ServiceId", n.cmServiceId(),
                    "Attributes", obj("team", "mooring"))),
            Map.entry("DeleteServiceAttributes", n -> obj("ServiceId", n.cmServiceId(),
                    "Attributes", List.of("team"))),
            Map.entry("DiscoverInstancesRevision", n -> obj("NamespaceName", n.namespace(),
                    "ServiceName", n.cmService())));

    /** Members without which an operation must refuse to run (the AWS models' required members, and a few more). */
    private static final Map<String, List<String>> REQUIRED = Map.ofEntries(
            Map.entry(ECS + "UpdateCluster", List.of("cluster")),
            Map.entry(ECS + "DeleteCluster", List.of("cluster")),
            Map.entry(ECS + "RegisterTaskDefinition", List.of("family", "containerDefinitions",
                    "containerDefinitions[0].name", "containerDefinitions[0].image",
                    "containerDefinitions[0].healthCheck.command")),
            Map.entry(ECS + "DeregisterTaskDefinition", List.of("taskDefinition")),
            Map.entry(ECS + "DescribeTaskDefinition", List.of("taskDefinition")),
            Map.entry(ECS + "CreateService", List.of("serviceName", "taskDefinition", "desiredCount",
                    "tags[0].key", "serviceRegistries[0].registryArn", "serviceConnectConfiguration.enabled",
                    "serviceConnectConfiguration.services[0].portName",
                    "serviceConnectConfiguration.services[0].clientAliases[0].port")),
            Map.entry(ECS + "UpdateService", List.of("service", "serviceConnectConfiguration.enabled",
                    "serviceConnectConfiguration.services[0].portName")),
            Map.entry(ECS + "DeleteService", List.of("service")),
            Map.entry(ECS + "CreateTaskSet", List.of("cluster", "service", "taskDefinition")),
            Map.entry(ECS + "DescribeTaskSets", List.of("cluster", "service")),
            Map.entry(ECS + "UpdateTaskSet", List.of("cluster", "service", "taskSet", "scale")),
            Map.entry(ECS + "DeleteTaskSet", List.of("cluster", "service", "taskSet")),
            Map.entry(ECS + "UpdateServicePrimaryTaskSet", List.of("cluster", "service", "primaryTaskSet")),
            Map.entry(ECS + "DescribeServices", List.of("services")),
            Map.entry(ECS + "ListServicesByNamespace", List.of("namespace")),
            Map.entry(ECS + "RunTask", List.of("taskDefinition", "overrides.containerOverrides[0].name")),
            Map.entry(ECS + "StopTask", List.of("task")),
            Map.entry(ECS + "DescribeTasks", List.of("tasks")),
            Map.entry(ECS + "TagResource", List.of("resourceArn", "tags", "tags[0].key")),
            Map.entry(ECS + "UntagResource", List.of("resourceArn", "tagKeys")),
            Map.entry(ECS + "ListTagsForResource", List.of("resourceArn")),
            Map.entry(ECS + "PutClusterCapacityProviders", List.of("cluster", "capacityProviders",
                    "defaultCapacityProviderStrategy", "defaultCapacityProviderStrategy[0].capacityProvider")),
            Map.entry(ECS + "UpdateClusterSettings", List.of("cluster", "settings", "settings[0].name",
                    "settings[0].value")),
            Map.entry(ECS + "DescribeContainerInstances", List.of("containerInstances")),
            Map.entry(ECS + "DeleteTaskDefinitions", List.of("taskDefinitions")),
            Map.entry(ECS + "UpdateTaskProtection", List.of("cluster", "tasks", "protectionEnabled")),
            Map.entry(ECS + "GetTaskProtection", List.of("cluster")),
            Map.entry(ECS + "PutAccountSetting", List.of("name", "value")),
            Map.entry(ECS + "PutAccountSettingDefault", List.of("name", "value")),
            Map.entry(ECS + "DeleteAccountSetting", List.of("name")),
            Map.entry(ECS + "ListServiceDeployments", List.of("service")),
            Map.entry(ECS + "DescribeServiceDeployments", List.of("serviceDeploymentArns")),
            Map.entry(ECS + "DescribeServiceRevisions", List.of("serviceRevisionArns")),
            Map.entry(ECS + "StopServiceDeployment", List.of("serviceDeploymentArn")),
            Map.entry(CLOUD_MAP + "CreateHttpNamespace", List.of("Name", "Tags[0].Key", "Tags[0].Value")),
            Map.entry(CLOUD_MAP + "CreatePrivateDnsNamespace", List.of("Name", "Vpc",
                    "Properties.DnsProperties.SOA.TTL")),
            Map.entry(CLOUD_MAP + "CreatePublicDnsNamespace", List.of("Name")),
            Map.entry(CLOUD_MAP + "DeleteNamespace", List.of("Id")),
            Map.entry(CLOUD_MAP + "GetNamespace", List.of("Id")),
            Map.entry(CLOUD_MAP + "ListNamespaces", List.of("Filters[0].Name", "Filters[0].Values")),
            Map.entry(CLOUD_MAP + "CreateService", List.of("Name", "Tags[0].Key")),
            Map.entry(CLOUD_MAP + "GetService", List.of("Id")),
            Map.entry(CLOUD_MAP + "UpdateService", List.of("Id", "Service")),
            Map.entry(CLOUD_MAP + "ListServices", List.of("Filters[0].Name", "Filters[0].Values")),
            Map.entry(CLOUD_MAP + "DeleteService", List.of("Id")),
            Map.entry(CLOUD_MAP + "RegisterInstance", List.of("ServiceId", "InstanceId", "Attributes")),
            Map.entry(CLOUD_MAP + "DeregisterInstance", List.of("ServiceId", "InstanceId")),
            Map.entry(CLOUD_MAP + "ListInstances", List.of("ServiceId")),
            Map.entry(CLOUD_MAP + "GetInstance", List.of("ServiceId", "InstanceId")),
            Map.entry(CLOUD_MAP + "GetInstancesHealthStatus", List.of("ServiceId")),
            Map.entry(CLOUD_MAP + "UpdateInstanceCustomHealthStatus", List.of("ServiceId", "InstanceId", "Status")),
            Map.entry(CLOUD_MAP + "DiscoverInstances", List.of("NamespaceName", "ServiceName")),
            Map.entry(CLOUD_MAP + "GetOperation", List.of("OperationId")),
            Map.entry(CLOUD_MAP + "ListOperations", List.of("Filters[0].Name", "Filters[0].Values")),
            Map.entry(CLOUD_MAP + "TagResource", List.of("ResourceARN", "Tags", "Tags[0].Key")),
            Map.entry(CLOUD_MAP + "UntagResource", List.of("ResourceARN", "TagKeys")),
            Map.entry(CLOUD_MAP + "ListTagsForResource", List.of("ResourceARN")),
            Map.entry(CLOUD_MAP + "UpdateHttpNamespace", List.of("Id", "Namespace", "Namespace.Description")),
            Map.entry(CLOUD_MAP + "UpdatePrivateDnsNamespace", List.of("Id", "Namespace",
                    "Namespace.Properties.DnsProperties.SOA.TTL")),
            Map.entry(CLOUD_MAP + "UpdatePublicDnsNamespace", List.of("Id", "Namespace",
                    "Namespace.Properties.DnsProperties.SOA.TTL")),
            Map.entry(CLOUD_MAP + "GetServiceAttributes", List.of("ServiceId")),
            Map.entry(CLOUD_MAP + "UpdateServiceAttributes", List.of("ServiceId", "Attributes")),
            Map.entry(CLOUD_MAP + "DeleteServiceAttributes", List.of("ServiceId", "Attributes")),
            Map.entry(CLOUD_MAP + "DiscoverInstancesRevision", List.of("NamespaceName", "ServiceName")));

    /** Every target this class has a body for. */
    static List<String> targets() {
        return java.util.stream.Stream.concat(ECS_BODIES.keySet().stream().map(op -> ECS + op),
                CLOUD_MAP_BODIES.keySet().stream().map(op -> CLOUD_MAP + op)).sorted().toList();
    }

    static Map<String, Object> body(String target, Names names) {
        return target.startsWith(ECS) ? ECS_BODIES.get(target.substring(ECS.length())).apply(names)
                : CLOUD_MAP_BODIES.get(target.substring(CLOUD_MAP.length())).apply(names);
    }

    static List<String> required(String target) {
        return REQUIRED.getOrDefault(target, List.of());
    }
}
