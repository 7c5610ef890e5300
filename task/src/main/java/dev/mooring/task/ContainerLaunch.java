package dev.mooring.task;

import java.util.List;
import java.util.Map;

/**
 * One container of a {@link TaskLaunch}, with the task definition's members already merged with overrides.
 *
 * @param entryPoint  null when the task definition gives none (the image catalog supplies one)
 * @param command     null when the task definition gives none
 * @param stopTimeout seconds between SIGTERM and SIGKILL (ECS default 30)
 * @param logGroup    awslogs group, or null; with {@code logStreamPrefix} names the stream as awslogs does
 */
public record ContainerLaunch(String name, String image, List<String> entryPoint, List<String> command,
                              Map<String, String> environment, String workingDirectory, boolean essential,
                              List<Dependency> dependsOn, HealthCheck healthCheck, int stopTimeout, String user,
                              List<Port> portMappings, Integer cpu, Integer memoryMiB, String logGroup,
                              String logStreamPrefix) {

    public record Dependency(String containerName, DependencyCondition condition) {}

    /** ECS HealthCheck: command starts with CMD or CMD-SHELL; times in seconds. */
    public record HealthCheck(List<String> command, int interval, int timeout, int retries, int startPeriod) {}

    public record Port(String name, int containerPort, String protocol, String appProtocol) {}
}
