package dev.mooring.elb.shape;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A subnet given to CreateLoadBalancer with optional fixed addresses. */
public record SubnetMapping(String subnetId, String allocationId, @JsonProperty("PrivateIPv4Address") String privateIPv4Address) {}
