package dev.mooring.elb.shape;


/** Stickiness across a forward action's target groups. */
public record TargetGroupStickinessConfig(Boolean enabled, Integer durationSeconds) {}
