package dev.mooring.elb.shape;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Whether a load balancer faces the internet or only the VPC (here: the host and the tasks, or the tasks). */
public enum Scheme {
    @JsonProperty("internet-facing") INTERNET_FACING,
    @JsonProperty("internal") INTERNAL;

    /** The value as it goes on the wire. */
    public String wire() {
        try {
            return Scheme.class.getField(name()).getAnnotation(JsonProperty.class).value();
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException(e);
        }
    }
}
