package dev.mooring.elb.shape;


/** A load balancer or target group attribute. */
public record Attribute(String key, String value) {}
