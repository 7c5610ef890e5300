package dev.mooring.elb.shape;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A load balancer's state: provisioning until its listeners can be served, then active. */
public enum LoadBalancerStateCode {
    @JsonProperty("active") ACTIVE,
    @JsonProperty("provisioning") PROVISIONING,
    @JsonProperty("active_impaired") ACTIVE_IMPAIRED,
    @JsonProperty("failed") FAILED;

    /** The value as it goes on the wire. */
    public String wire() {
        try {
            return LoadBalancerStateCode.class.getField(name()).getAnnotation(JsonProperty.class).value();
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException(e);
        }
    }
}
