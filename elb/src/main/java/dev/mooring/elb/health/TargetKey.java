package dev.mooring.elb.health;

/** A target of one target group: its address and port. */
public record TargetKey(String targetGroupArn, String id, int port) {}
