package dev.mooring.proxy;

/** ECS {@code appProtocol}; absent means TCP (spec §4.1). */
public enum Protocol {
    TCP, HTTP, HTTP2, GRPC;

    public boolean http() {
        return this != TCP;
    }

    /** HTTP/2 with prior knowledge (h2c) on the wire. */
    public boolean h2() {
        return this == HTTP2 || this == GRPC;
    }
}
