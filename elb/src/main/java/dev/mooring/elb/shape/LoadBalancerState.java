package dev.mooring.elb.shape;


/** A load balancer's state and why. */
public record LoadBalancerState(LoadBalancerStateCode code, String reason) {}
