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
}
