package dev.mooring.elb.shape;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A registered target's health as DescribeTargetHealth reports it. */
public enum TargetHealthState {
    @JsonProperty("initial") INITIAL,
    @JsonProperty("healthy") HEALTHY,
    @JsonProperty("unhealthy") UNHEALTHY,
    @JsonProperty("unused") UNUSED,
    @JsonProperty("draining") DRAINING,
    @JsonProperty("unavailable") UNAVAILABLE;

    /** The value as it goes on the wire. */
    public String wire() {
        try {
            return TargetHealthState.class.getField(name()).getAnnotation(JsonProperty.class).value();
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException(e);
        }
    }
}
