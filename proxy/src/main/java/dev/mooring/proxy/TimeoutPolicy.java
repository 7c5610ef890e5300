package dev.mooring.proxy;

import java.time.Duration;
import java.util.Objects;

/** Per-request and idle timeouts; {@link Duration#ZERO} disables either (spec §4.4). */
public record TimeoutPolicy(Duration perRequest, Duration idle) {
    public TimeoutPolicy {
        Objects.requireNonNull(perRequest, "perRequest");
        Objects.requireNonNull(idle, "idle");
        if (perRequest.isNegative() || idle.isNegative()) throw new IllegalArgumentException("negative timeout");
    }

    /** AWS's defaults: 15 s per request (HTTP, HTTP2, GRPC only), idle 300 s for HTTP and 3600 s for TCP. */
    public static TimeoutPolicy awsDefault(Protocol protocol) {
        return protocol == Protocol.TCP
                ? new TimeoutPolicy(Duration.ZERO, Duration.ofSeconds(3600))
                : new TimeoutPolicy(Duration.ofSeconds(15), Duration.ofSeconds(300));
    }
}
