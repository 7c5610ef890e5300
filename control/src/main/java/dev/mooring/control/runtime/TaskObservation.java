package dev.mooring.control.runtime;

import java.time.Instant;
import java.util.List;

/**
 * What a runtime sees of one task. Status names are ECS's lastStatus values.
 *
 * @param lastStatus    PROVISIONING, PENDING, RUNNING, DEPROVISIONING or STOPPED
 * @param privateIpv4   the task's own address once it has one
 * @param stopCode      ECS stop code when the task stopped on its own (EssentialContainerExited, TaskFailedToStart)
 * @param healthStatus  HEALTHY, UNHEALTHY or UNKNOWN, from the essential containers' health checks
 */
public record TaskObservation(String lastStatus, String privateIpv4, String hostname, Instant pullStartedAt,
                              Instant pullStoppedAt, Instant startedAt, Instant stoppingAt, Instant stoppedAt,
                              String stopCode, String stoppedReason, String healthStatus,
                              List<ContainerObservation> containers) {

    /**
     * @param lastStatus PENDING, RUNNING or STOPPED
     * @param reason     why it stopped, e.g. "CannotPullContainerError: ..." or "OutOfMemoryError: ..."
     */
    public record ContainerObservation(String name, String lastStatus, Integer exitCode, String reason,
                                       String healthStatus, Long pid) {}
}
