package dev.mooring.connect.endpoints;

import dev.mooring.control.ecs.Task;
import dev.mooring.task.Routability;

/**
 * Whether a task may receive Service Connect traffic (issue 7 "Readiness", containers-roadmap #2334): the task
 * seam's one predicate, {@link Routability#isHealthy}: RUNNING, meant to keep running (not stopping), and HEALTHY
 * where an essential container has a health check. A task without health checks is ready once RUNNING, as on AWS.
 */
public final class Readiness {
    private Readiness() {}

    public static boolean routable(Task task, boolean hasHealthChecks) {
        return task.stoppingAt() == null && Routability.isHealthy(task.desiredStatus(), task.lastStatus(),
                task.healthStatus(), () -> hasHealthChecks);
    }
}
