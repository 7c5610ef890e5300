package dev.mooring.task;

/** A container's dependsOn condition (spec §2.2 ContainerDependency). The constant names are the wire values. */
public enum DependencyCondition {
    START,
    COMPLETE,
    SUCCESS,
    HEALTHY
}
