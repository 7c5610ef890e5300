package dev.mooring.task;

import java.time.Instant;
import java.util.List;

/**
 * What a runtime sees of one task, in ECS's terms.
 *
 * @param privateIpv4   the task's own address once it has one
 * @param stopCode      when the task stopped on its own (EssentialContainerExited, TaskFailedToStart)
 * @param healthStatus  from the essential containers' health checks
 */
public record TaskObservation(TaskStatus lastStatus, String privateIpv4, String hostname, Instant pullStartedAt,
                              Instant pullStoppedAt, Instant startedAt, Instant stoppingAt, Instant stoppedAt,
                              StopCode stopCode, String stoppedReason, HealthStatus healthStatus,
                              List<ContainerObservation> containers) {

    /** @param reason why it stopped, e.g. "CannotPullContainerError: ..." or "OutOfMemoryError: ..." */
    public record ContainerObservation(String name, ContainerStatus lastStatus, Integer exitCode, String reason,
                                       HealthStatus healthStatus, Long pid) {}
}
