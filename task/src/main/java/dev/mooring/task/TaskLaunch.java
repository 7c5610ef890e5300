package dev.mooring.task;

import java.util.List;

/**
 * Everything a runtime needs to start one task, resolved by the control plane from the task definition, overrides
 * and the service: the runtime never reads ECS resources itself.
 *
 * @param extraHosts {@code /etc/hosts} lines for the task beyond its own name (Service Connect's aliases later)
 * @param cpu        task-level CPU units, or null
 * @param memoryMiB  task-level memory in MiB, or null
 */
public record TaskLaunch(String taskArn, String taskId, String region, String clusterName, String family,
                         int revision, List<ContainerLaunch> containers, List<HostEntry> extraHosts, Integer cpu,
                         Integer memoryMiB) {

    public record HostEntry(String hostname, String ipAddress) {}
}
