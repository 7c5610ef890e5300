package dev.mooring.task;

import com.fasterxml.jackson.annotation.JsonValue;

/** Why a task stopped (spec §2.2 Task.stopCode), the codes Mooring gives. */
public enum StopCode {
    TASK_FAILED_TO_START("TaskFailedToStart"),
    ESSENTIAL_CONTAINER_EXITED("EssentialContainerExited"),
    USER_INITIATED("UserInitiated"),
    SERVICE_SCHEDULER_INITIATED("ServiceSchedulerInitiated"),
    TERMINATION_NOTICE("TerminationNotice");

    private final String wire;

    StopCode(String wire) {
        this.wire = wire;
    }

    /** The code as ECS writes it; Jackson reads and writes this form. */
    @JsonValue
    public String wire() {
        return wire;
    }

    /** A stop someone asked for, as opposed to a failure that counts toward the scheduler's backoff. */
    public boolean isRequested() {
        return this == USER_INITIATED || this == SERVICE_SCHEDULER_INITIATED;
    }

    @Override
    public String toString() {
        return wire;
    }
}
