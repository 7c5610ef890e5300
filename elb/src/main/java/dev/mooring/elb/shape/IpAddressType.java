package dev.mooring.elb.shape;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Address families a load balancer or target group uses; Mooring's task network is IPv4. */
public enum IpAddressType {
    @JsonProperty("ipv4") IPV4,
    @JsonProperty("dualstack") DUALSTACK,
    @JsonProperty("dualstack-without-public-ipv4") DUALSTACK_WITHOUT_PUBLIC_IPV4,
    @JsonProperty("ipv6") IPV6;

    /** The value as it goes on the wire. */
    public String wire() {
        try {
            return IpAddressType.class.getField(name()).getAnnotation(JsonProperty.class).value();
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException(e);
        }
    }
}
