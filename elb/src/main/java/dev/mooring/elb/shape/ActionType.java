package dev.mooring.elb.shape;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What a listener rule does with a request. */
public enum ActionType {
    @JsonProperty("forward") FORWARD,
    @JsonProperty("authenticate-oidc") AUTHENTICATE_OIDC,
    @JsonProperty("authenticate-cognito") AUTHENTICATE_COGNITO,
    @JsonProperty("redirect") REDIRECT,
    @JsonProperty("fixed-response") FIXED_RESPONSE;

    /** The value as it goes on the wire. */
    public String wire() {
        try {
            return ActionType.class.getField(name()).getAnnotation(JsonProperty.class).value();
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException(e);
        }
    }
}
