package dev.mooring.api;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** A finished HTTP answer: status, media type, the headers a protocol or decorator adds, and the body. */
public record ApiResponse(int status, String contentType, Map<String, String> headers, byte[] body) {
    public static final String AMZ_JSON = "application/x-amz-json-1.1";

    public ApiResponse {
        headers = Map.copyOf(headers);
    }

    public static ApiResponse json(int status, String json) {
        return new ApiResponse(status, "application/json", Map.of(), json.getBytes(StandardCharsets.UTF_8));
    }

    public ApiResponse withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new ApiResponse(status, contentType, more, body);
    }
}
