package dev.mooring.elb.shape;


/** One target group of a forward action, with its weight. */
public record TargetGroupTuple(String targetGroupArn, Integer weight) {}
