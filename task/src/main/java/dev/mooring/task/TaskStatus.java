package dev.mooring.task;

/**
 * A task's lastStatus and desiredStatus, in the order ECS moves a task through them (spec §2.2 Task.lastStatus).
 * Mooring has no load balancer or Service Connect work between the steps yet, so it never reports ECS's ACTIVATING,
 * DEACTIVATING or STOPPING. The constant names are the wire values.
 */
public enum TaskStatus {
    PROVISIONING,
    PENDING,
    RUNNING,
    DEPROVISIONING,
    STOPPED;

    /** On its way down or down: the runtime is tearing it down or has. */
    public boolean isEnding() {
        return this == DEPROVISIONING || this == STOPPED;
    }
}
