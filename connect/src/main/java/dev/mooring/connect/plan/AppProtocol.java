package dev.mooring.connect.plan;

import java.util.Locale;

/** A port mapping's {@code appProtocol}; absent means TCP (spec §4.1). */
public enum AppProtocol {
    TCP, HTTP, HTTP2, GRPC;

    /** {@code http}, {@code http2} or {@code grpc} as the wire sends them; null is TCP. */
    public static AppProtocol of(String appProtocol) {
        if (appProtocol == null || appProtocol.isBlank()) {
            return TCP;
        }
        return switch (appProtocol.toLowerCase(Locale.ROOT)) {
            case "http" -> HTTP;
            case "http2" -> HTTP2;
            case "grpc" -> GRPC;
            default -> throw new IllegalArgumentException("appProtocol '" + appProtocol
                    + "' is not one of http, http2, grpc");
        };
    }

    public boolean isHttp() {
        return this != TCP;
    }
}
