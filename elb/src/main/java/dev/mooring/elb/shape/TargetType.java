package dev.mooring.elb.shape;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What a target group's targets are; Mooring has no instances, so only {@code ip}. */
public enum TargetType {
    @JsonProperty("instance") INSTANCE,
    @JsonProperty("ip") IP,
    @JsonProperty("lambda") LAMBDA,
    @JsonProperty("alb") ALB;

    /** The value as it goes on the wire. */
    public String wire() {
        try {
            return TargetType.class.getField(name()).getAnnotation(JsonProperty.class).value();
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException(e);
        }
    }
}
