package dev.mooring.runtime;

import dev.mooring.runtime.process.HealthChecker;
import dev.mooring.runtime.process.ProcessSpec;
import dev.mooring.runtime.process.SandboxProcess;
import dev.mooring.task.ContainerLaunch;
import dev.mooring.task.ContainerStatus;
import dev.mooring.task.HealthStatus;
import dev.mooring.task.TaskObservation.ContainerObservation;
import java.time.Instant;

/** One container of a supervised task; touched only by its task's supervisor thread. */
final class ContainerRun {
    final ContainerLaunch launch;
    ProcessSpec spec;
    SandboxProcess process;
    HealthChecker checker;
    ContainerStatus status = ContainerStatus.PENDING;
    Integer exitCode;
    String reason;
    HealthStatus health = HealthStatus.UNKNOWN;
    Instant killAt;

    ContainerRun(ContainerLaunch launch) {
        this.launch = launch;
    }

    String name() {
        return launch.name();
    }

    boolean started() {
        return process != null;
    }

    boolean running() {
        return process != null && exitCode == null;
    }

    boolean exited() {
        return exitCode != null;
    }

    ContainerObservation observe() {
        return new ContainerObservation(name(), status, exitCode, reason,
                launch.healthCheck() == null ? HealthStatus.UNKNOWN : health, process == null ? null : process.pid());
    }
}
