package dev.mooring.elb.shape;


/** An address a load balancer listens on in one zone. */
public record LoadBalancerAddress(String ipAddress) {}
