package dev.mooring.samples.yelb.appserver;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an endpoint answers: the status, the headers Sinatra would send (in its order), and the body's bytes.
 */
record ApiResponse(int status, Map<String, String> headers, byte[] body) {
    public ApiResponse {
        headers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        body = body.clone();
    }

    static ApiResponse of(int status, Map<String, String> headers, String body) {
        return new ApiResponse(status, headers, body.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public byte[] body() {
        return body.clone();
    }
}
