package dev.mooring.control.ecs;

/** ECS KeyValuePair: environment variables, attachment details, statistics. */
public record KeyValuePair(String name, String value) {}
