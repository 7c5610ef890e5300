package dev.mooring.elb.shape;


/** A target's health, the reason code and its text. */
public record TargetHealth(TargetHealthState state, String reason, String description) {}
