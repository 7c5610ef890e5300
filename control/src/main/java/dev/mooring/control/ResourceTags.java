package dev.mooring.control;

import java.util.List;

/**
 * The tags of one resource, kept apart from it so that the resource records stay wire shapes and tagging works the
 * same for every kind of resource, in ECS and in Cloud Map.
 */
public record ResourceTags(String resourceArn, List<Tag> tags) {}
