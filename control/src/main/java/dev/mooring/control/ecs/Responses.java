package dev.mooring.control.ecs;

import dev.mooring.control.Tag;
import java.util.List;

/** Response shapes of the ECS operations (spec §3.1). */
public final class Responses {
    private Responses() {}

    public record ClusterResponse(Cluster cluster) {}

    public record DescribeClusters(List<Cluster> clusters, List<Failure> failures) {}

    public record ListClusters(List<String> clusterArns, String nextToken) {}

    public record TaskDefinitionResponse(TaskDefinition taskDefinition, List<Tag> tags) {}

    public record ListTaskDefinitions(List<String> taskDefinitionArns, String nextToken) {}

    public record ListTaskDefinitionFamilies(List<String> families, String nextToken) {}

    public record ServiceResponse(Service service) {}

    public record DescribeServices(List<Service> services, List<Failure> failures) {}

    public record ListServices(List<String> serviceArns, String nextToken) {}

    public record RunTask(List<Task> tasks, List<Failure> failures) {}

    public record TaskResponse(Task task) {}

    public record DescribeTasks(List<Task> tasks, List<Failure> failures) {}

    public record ListTasks(List<String> taskArns, String nextToken) {}

    public record ListTags(List<Tag> tags) {}

    public record DescribeCapacityProviders(List<CapacityProvider> capacityProviders, List<Failure> failures,
                                            String nextToken) {}

    public record CapacityProvider(String capacityProviderArn, String name, String status, List<Tag> tags) {}

    public record ListContainerInstances(List<String> containerInstanceArns, String nextToken) {}

    public record DescribeContainerInstances(List<com.fasterxml.jackson.databind.JsonNode> containerInstances,
                                             List<Failure> failures) {}

    public record DeleteTaskDefinitions(List<TaskDefinition> taskDefinitions, List<Failure> failures) {}

    public record TaskProtectionResponse(List<TaskProtection> protectedTasks, List<Failure> failures) {}

    public record SettingResponse(AccountSetting setting) {}

    public record ListAccountSettings(List<AccountSetting> settings, String nextToken) {}
}
