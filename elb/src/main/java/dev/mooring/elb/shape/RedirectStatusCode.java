package dev.mooring.elb.shape;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The status of a redirect action. */
public enum RedirectStatusCode {
    @JsonProperty("HTTP_301") HTTP_301,
    @JsonProperty("HTTP_302") HTTP_302;

    /** The value as it goes on the wire. */
    public String wire() {
        try {
            return RedirectStatusCode.class.getField(name()).getAnnotation(JsonProperty.class).value();
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException(e);
        }
    }
}
