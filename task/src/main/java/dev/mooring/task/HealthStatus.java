package dev.mooring.task;

import java.util.Collection;

/**
 * A task's or a container's healthStatus (spec §2.2): UNKNOWN until a health check has decided, and always for a
 * container without one. The constant names are the wire values.
 */
public enum HealthStatus {
    HEALTHY,
    UNHEALTHY,
    UNKNOWN;

    /** An essential container's checks decide the task (spec §2.2 Task.healthStatus). */
    public static HealthStatus ofTask(Collection<HealthStatus> checkedEssentials) {
        if (checkedEssentials.contains(UNHEALTHY)) {
            return UNHEALTHY;
        }
        return !checkedEssentials.isEmpty() && checkedEssentials.stream().allMatch(h -> h == HEALTHY) ? HEALTHY
                : UNKNOWN;
    }
}
