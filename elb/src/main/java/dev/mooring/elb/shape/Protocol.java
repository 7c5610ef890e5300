package dev.mooring.elb.shape;

import com.fasterxml.jackson.annotation.JsonProperty;

/** ELBv2's listener and target group protocols; Mooring's application load balancers speak HTTP. */
public enum Protocol {
    @JsonProperty("HTTP") HTTP,
    @JsonProperty("HTTPS") HTTPS,
    @JsonProperty("TCP") TCP,
    @JsonProperty("TLS") TLS,
    @JsonProperty("UDP") UDP,
    @JsonProperty("TCP_UDP") TCP_UDP,
    @JsonProperty("GENEVE") GENEVE;

    /** The value as it goes on the wire. */
    public String wire() {
        try {
            return Protocol.class.getField(name()).getAnnotation(JsonProperty.class).value();
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException(e);
        }
    }
}
