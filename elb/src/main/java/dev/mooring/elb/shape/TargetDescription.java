package dev.mooring.elb.shape;


/** A target: its IP address, port and zone. */
public record TargetDescription(String id, Integer port, String availabilityZone) {}
