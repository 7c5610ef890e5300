package dev.mooring.connect.plan;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;

/**
 * A Service Connect service's {@code timeout} (spec §2.1 TimeoutConfiguration, §4.4): per request 15 s (HTTP,
 * HTTP2 and gRPC only), idle 300 s for those and 3600 s for TCP. {@link Duration#ZERO} disables either.
 */
public record Timeouts(Duration perRequest, Duration idle) {
    static final Duration PER_REQUEST = Duration.ofSeconds(15);
    static final Duration IDLE_HTTP = Duration.ofMinutes(5);
    static final Duration IDLE_TCP = Duration.ofHours(1);

    public static Timeouts defaults(AppProtocol protocol) {
        return protocol.isHttp() ? new Timeouts(PER_REQUEST, IDLE_HTTP) : new Timeouts(Duration.ZERO, IDLE_TCP);
    }

    /** The defaults with what {@code timeout} sets; a TCP service never gets a per-request timeout. */
    public static Timeouts of(AppProtocol protocol, JsonNode timeout) {
        Timeouts d = defaults(protocol);
        if (timeout == null || !timeout.isObject()) {
            return d;
        }
        Duration idle = seconds(timeout.get("idleTimeoutSeconds"), d.idle());
        Duration perRequest = protocol.isHttp() ? seconds(timeout.get("perRequestTimeoutSeconds"), d.perRequest())
                : Duration.ZERO;
        return new Timeouts(perRequest, idle);
    }

    private static Duration seconds(JsonNode value, Duration fallback) {
        return value == null || !value.canConvertToLong() || value.asLong() < 0 ? fallback
                : Duration.ofSeconds(value.asLong());
    }
}
