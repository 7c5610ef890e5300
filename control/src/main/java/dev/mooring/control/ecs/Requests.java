package dev.mooring.control.ecs;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mooring.control.Tag;
import dev.mooring.control.ecs.Service.DeploymentConfiguration;
import dev.mooring.control.ecs.Service.ServiceRegistry;
import java.util.List;

/** Request shapes of the ECS operations (spec §3.1). Boxed members so that "absent" is visible. */
public final class Requests {
    private Requests() {}

    public record CreateCluster(String clusterName, List<Tag> tags, ArrayNode settings, ObjectNode configuration,
                                List<String> capacityProviders, ArrayNode defaultCapacityProviderStrategy,
                                Cluster.ServiceConnectDefaults serviceConnectDefaults) {}

    public record UpdateCluster(String cluster, ArrayNode settings, ObjectNode configuration,
                                Cluster.ServiceConnectDefaults serviceConnectDefaults) {}

    public record DeleteCluster(String cluster) {}

    public record PutClusterCapacityProviders(String cluster, List<String> capacityProviders,
                                              ArrayNode defaultCapacityProviderStrategy) {}

    public record UpdateClusterSettings(String cluster, ArrayNode settings) {}

    public record DescribeCapacityProviders(List<String> capacityProviders, List<String> include,
                                            Integer maxResults, String nextToken, String cluster) {}

    /** Create, Update and DeleteCapacityProvider: refused whatever they carry (no EC2 instances here). */
    public record CapacityProviderChange(String name, String capacityProvider, String cluster) {}

    public record ListContainerInstances(String cluster, String filter, String nextToken, Integer maxResults,
                                         String status) {}

    public record DescribeContainerInstances(String cluster, List<String> containerInstances, List<String> include) {}

    public record DeleteTaskDefinitions(List<String> taskDefinitions) {}

    public record UpdateTaskProtection(String cluster, List<String> tasks, Boolean protectionEnabled,
                                       Integer expiresInMinutes) {}

    public record GetTaskProtection(String cluster, List<String> tasks) {}

    public record PutAccountSetting(String name, String value, String principalArn) {}

    public record DeleteAccountSetting(String name, String principalArn) {}

    public record ListAccountSettings(String name, String value, String principalArn, Boolean effectiveSettings,
                                      String nextToken, Integer maxResults) {}

    public record DescribeClusters(List<String> clusters, List<String> include) {}

    public record ListClusters(String nextToken, Integer maxResults) {}

    public record RegisterTaskDefinition(String family, String taskRoleArn, String executionRoleArn,
                                         String networkMode, List<ContainerDefinition> containerDefinitions,
                                         ArrayNode volumes, ArrayNode placementConstraints,
                                         List<String> requiresCompatibilities, String cpu, String memory,
                                         List<Tag> tags, String pidMode, String ipcMode, ObjectNode proxyConfiguration,
                                         ArrayNode inferenceAccelerators, ObjectNode ephemeralStorage,
                                         ObjectNode runtimePlatform, Boolean enableFaultInjection) {}

    public record TaskDefinitionRef(String taskDefinition, List<String> include) {}

    public record ListTaskDefinitions(String familyPrefix, String status, String sort, String nextToken,
                                      Integer maxResults) {}

    public record ListTaskDefinitionFamilies(String familyPrefix, String status, String nextToken,
                                             Integer maxResults) {}

    public record CreateService(String cluster, String serviceName, String taskDefinition, ArrayNode loadBalancers,
                                List<ServiceRegistry> serviceRegistries, Integer desiredCount, String clientToken,
                                String launchType, ArrayNode capacityProviderStrategy, String platformVersion,
                                String role, DeploymentConfiguration deploymentConfiguration,
                                ArrayNode placementConstraints, ArrayNode placementStrategy,
                                ObjectNode networkConfiguration, Integer healthCheckGracePeriodSeconds,
                                String schedulingStrategy, ObjectNode deploymentController, List<Tag> tags,
                                Boolean enableECSManagedTags, String propagateTags, Boolean enableExecuteCommand,
                                ServiceConnectConfiguration serviceConnectConfiguration,
                                String availabilityZoneRebalancing) {}

    public record UpdateService(String cluster, String service, Integer desiredCount, String taskDefinition,
                                ArrayNode capacityProviderStrategy, DeploymentConfiguration deploymentConfiguration,
                                ObjectNode networkConfiguration, ArrayNode placementConstraints,
                                ArrayNode placementStrategy, String platformVersion, Boolean forceNewDeployment,
                                Integer healthCheckGracePeriodSeconds, Boolean enableExecuteCommand,
                                Boolean enableECSManagedTags, ArrayNode loadBalancers, String propagateTags,
                                List<ServiceRegistry> serviceRegistries,
                                ServiceConnectConfiguration serviceConnectConfiguration) {}

    public record DeleteService(String cluster, String service, Boolean force) {}

    public record DescribeServices(String cluster, List<String> services, List<String> include) {}

    public record ListServices(String cluster, String nextToken, Integer maxResults, String launchType,
                               String schedulingStrategy) {}

    public record ListServicesByNamespace(String namespace, String nextToken, Integer maxResults) {}

    public record RunTask(String cluster, String taskDefinition, Integer count, String group, String launchType,
                          ObjectNode networkConfiguration, Task.TaskOverride overrides, String platformVersion,
                          String startedBy, List<Tag> tags, Boolean enableExecuteCommand,
                          Boolean enableECSManagedTags, String propagateTags, ArrayNode capacityProviderStrategy,
                          ArrayNode placementConstraints, ArrayNode placementStrategy, String referenceId,
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
