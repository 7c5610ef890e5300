package dev.mooring.task;

/** A container's lastStatus (spec §2.2 Container.lastStatus). The constant names are the wire values. */
public enum ContainerStatus {
    PENDING,
    RUNNING,
    STOPPED
}
