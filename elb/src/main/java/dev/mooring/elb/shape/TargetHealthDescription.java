package dev.mooring.elb.shape;


/** One target's health as DescribeTargetHealth answers it. */
public record TargetHealthDescription(TargetDescription target, String healthCheckPort, TargetHealth targetHealth) {}
