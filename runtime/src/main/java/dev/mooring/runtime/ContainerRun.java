package dev.mooring.runtime;

import dev.mooring.control.runtime.ContainerLaunch;
import dev.mooring.control.runtime.TaskObservation.ContainerObservation;
import dev.mooring.runtime.process.HealthChecker;
import dev.mooring.runtime.process.ProcessSpec;
import dev.mooring.runtime.process.SandboxProcess;
import java.time.Instant;

/** One container of a supervised task; touched only by its task's supervisor thread. */
final class ContainerRun {
    final ContainerLaunch launch;
    ProcessSpec spec;
    SandboxProcess process;
    HealthChecker checker;
    String status = "PENDING";
    Integer exitCode;
    String reason;
    String health = "UNKNOWN";
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
                launch.healthCheck() == null ? "UNKNOWN" : health, process == null ? null : process.pid());
    }
}
