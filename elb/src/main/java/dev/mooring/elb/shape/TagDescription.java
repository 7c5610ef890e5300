package dev.mooring.elb.shape;

import java.util.List;

/** The tags of one resource. */
public record TagDescription(String resourceArn, List<Tag> tags) {}
