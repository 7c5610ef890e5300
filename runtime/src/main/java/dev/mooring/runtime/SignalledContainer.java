package dev.mooring.runtime;

/** A container process that the runtime signalled: the container's name and the PID of its sandbox's root process. */
public record SignalledContainer(String container, long pid) {}
