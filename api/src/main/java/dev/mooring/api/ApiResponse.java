package dev.mooring.api;

import java.nio.charset.StandardCharsets;

/** A finished HTTP answer: status, the error code header when there is one, and the body. */
public record ApiResponse(int status, String contentType, String errorType, byte[] body) {
    public static final String AMZ_JSON = "application/x-amz-json-1.1";

    public static ApiResponse json(int status, String json) {
        return new ApiResponse(status, "application/json", null, json.getBytes(StandardCharsets.UTF_8));
    }
}
