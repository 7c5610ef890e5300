package dev.mooring.connect.endpoints;

import dev.mooring.control.ecs.Task;

/**
 * Whether a task may receive Service Connect traffic (issue 7 "Readiness", containers-roadmap #2334): it is
 * RUNNING, is meant to keep running (not stopping or draining), and, where its essential containers have health
 * checks, HEALTHY. A task without health checks is ready once RUNNING, as on AWS.
 */
public final class Readiness {
    private Readiness() {}

    public static boolean routable(Task task, boolean hasHealthChecks) {
        if (!Task.RUNNING.equals(task.lastStatus()) || !Task.RUNNING.equals(task.desiredStatus())
                || task.stoppingAt() != null) {
            return false;
        }
        return hasHealthChecks ? "HEALTHY".equals(task.healthStatus()) : !"UNHEALTHY".equals(task.healthStatus());
    }
}
