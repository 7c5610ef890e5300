package dev.mooring.control.ecs;

import java.util.List;

/** The tags of one ECS resource, kept apart from it so that TagResource works the same for every kind. */
public record ResourceTags(String resourceArn, List<Tag> tags) {}
