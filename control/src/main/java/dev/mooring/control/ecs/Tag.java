package dev.mooring.control.ecs;

/** An ECS tag (spec §2.2 "Tag"). */
public record Tag(String key, String value) {}
