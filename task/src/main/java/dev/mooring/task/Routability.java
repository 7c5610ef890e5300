package dev.mooring.task;

import java.util.function.BooleanSupplier;

/**
 * The one place that decides whether a task may receive traffic. Cloud Map registration uses it today; the Service
 * Connect proxy's host sets and load balancer target registration must use it too, so every way into a task agrees.
 */
public final class Routability {
    private Routability() {}

    /**
     * Meant to run (not being stopped), RUNNING, and not failing its health checks. A task whose checks have not
     * decided yet (UNKNOWN) is routable, as ECS registers it on RUNNING (spec §4.3).
     */
    public static boolean isRoutable(TaskStatus desired, TaskStatus last, HealthStatus health) {
        return desired == TaskStatus.RUNNING && last == TaskStatus.RUNNING && health != HealthStatus.UNHEALTHY;
    }

    /**
     * Routable, and HEALTHY when an essential container has a health check ({@code healthChecked}, asked only
     * when it matters): what counts toward a deployment's
     * minimumHealthyPercent. A task whose checks have not passed yet does not count, as in ECS.
     */
    public static boolean isHealthy(TaskStatus desired, TaskStatus last, HealthStatus health,
                                    BooleanSupplier healthChecked) {
        return isRoutable(desired, last, health) && (health == HealthStatus.HEALTHY || !healthChecked.getAsBoolean());
    }
}
