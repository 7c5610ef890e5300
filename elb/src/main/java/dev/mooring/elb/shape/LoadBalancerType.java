package dev.mooring.elb.shape;

import com.fasterxml.jackson.annotation.JsonProperty;

/** ELBv2's kinds of load balancer; Mooring runs application load balancers. */
public enum LoadBalancerType {
    @JsonProperty("application") APPLICATION,
    @JsonProperty("network") NETWORK,
    @JsonProperty("gateway") GATEWAY;

    /** The value as it goes on the wire. */
    public String wire() {
        try {
            return LoadBalancerType.class.getField(name()).getAnnotation(JsonProperty.class).value();
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException(e);
        }
    }
}
