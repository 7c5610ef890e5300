package dev.mooring.control.ecs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mooring.control.ecs.Service.DeploymentConfiguration;
import dev.mooring.control.ecs.Service.ServiceRegistry;
import java.util.List;

/** Request shapes of the ECS operations (spec §3.1). Boxed members so that "absent" is visible. */
public final class Requests {
    private Requests() {}

    public record CreateCluster(String clusterName, List<Tag> tags, JsonNode settings, JsonNode configuration,
                                List<String> capacityProviders, JsonNode defaultCapacityProviderStrategy,
                                Cluster.ServiceConnectDefaults serviceConnectDefaults) {}

    public record UpdateCluster(String cluster, JsonNode settings, JsonNode configuration,
                                Cluster.ServiceConnectDefaults serviceConnectDefaults) {}

    public record DeleteCluster(String cluster) {}

    public record DescribeClusters(List<String> clusters, List<String> include) {}

    public record ListClusters(String nextToken, Integer maxResults) {}

    public record RegisterTaskDefinition(String family, String taskRoleArn, String executionRoleArn,
                                         String networkMode, List<ContainerDefinition> containerDefinitions,
                                         JsonNode volumes, JsonNode placementConstraints,
                                         List<String> requiresCompatibilities, String cpu, String memory,
                                         List<Tag> tags, String pidMode, String ipcMode, JsonNode proxyConfiguration,
                                         JsonNode inferenceAccelerators, JsonNode ephemeralStorage,
                                         JsonNode runtimePlatform, Boolean enableFaultInjection) {}

    public record TaskDefinitionRef(String taskDefinition, List<String> include) {}

    public record ListTaskDefinitions(String familyPrefix, String status, String sort, String nextToken,
                                      Integer maxResults) {}

    public record ListTaskDefinitionFamilies(String familyPrefix, String status, String nextToken,
                                             Integer maxResults) {}

    public record CreateService(String cluster, String serviceName, String taskDefinition, JsonNode loadBalancers,
                                List<ServiceRegistry> serviceRegistries, Integer desiredCount, String clientToken,
                                String launchType, JsonNode capacityProviderStrategy, String platformVersion,
                                String role, DeploymentConfiguration deploymentConfiguration,
                                JsonNode placementConstraints, JsonNode placementStrategy,
                                JsonNode networkConfiguration, Integer healthCheckGracePeriodSeconds,
                                String schedulingStrategy, JsonNode deploymentController, List<Tag> tags,
                                Boolean enableECSManagedTags, String propagateTags, Boolean enableExecuteCommand,
                                ServiceConnectConfiguration serviceConnectConfiguration,
                                String availabilityZoneRebalancing) {}

    public record UpdateService(String cluster, String service, Integer desiredCount, String taskDefinition,
                                JsonNode capacityProviderStrategy, DeploymentConfiguration deploymentConfiguration,
                                JsonNode networkConfiguration, JsonNode placementConstraints,
                                JsonNode placementStrategy, String platformVersion, Boolean forceNewDeployment,
                                Integer healthCheckGracePeriodSeconds, Boolean enableExecuteCommand,
                                Boolean enableECSManagedTags, JsonNode loadBalancers, String propagateTags,
                                List<ServiceRegistry> serviceRegistries,
                                ServiceConnectConfiguration serviceConnectConfiguration) {}

    public record DeleteService(String cluster, String service, Boolean force) {}

    public record DescribeServices(String cluster, List<String> services, List<String> include) {}

    public record ListServices(String cluster, String nextToken, Integer maxResults, String launchType,
                               String schedulingStrategy) {}

    public record ListServicesByNamespace(String namespace, String nextToken, Integer maxResults) {}

    public record RunTask(String cluster, String taskDefinition, Integer count, String group, String launchType,
                          JsonNode networkConfiguration, Task.TaskOverride overrides, String platformVersion,
                          String startedBy, List<Tag> tags, Boolean enableExecuteCommand,
                          Boolean enableECSManagedTags, String propagateTags, JsonNode capacityProviderStrategy,
                          JsonNode placementConstraints, JsonNode placementStrategy, String referenceId,
                          String clientToken) {}

    public record StopTask(String cluster, String task, String reason) {}

    public record DescribeTasks(String cluster, List<String> tasks, List<String> include) {}

    public record ListTasks(String cluster, String containerInstance, String family, String nextToken,
                            Integer maxResults, String startedBy, String serviceName, String desiredStatus,
                            String launchType) {}

    public record TagResource(String resourceArn, List<Tag> tags) {}

    public record UntagResource(String resourceArn, List<String> tagKeys) {}

    public record ListTagsForResource(String resourceArn) {}
}
