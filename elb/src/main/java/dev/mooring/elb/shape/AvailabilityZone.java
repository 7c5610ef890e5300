package dev.mooring.elb.shape;

import java.util.List;

/** A zone a load balancer is in, with the subnet it was given there. */
public record AvailabilityZone(String zoneName, String subnetId, List<LoadBalancerAddress> loadBalancerAddresses) {}
