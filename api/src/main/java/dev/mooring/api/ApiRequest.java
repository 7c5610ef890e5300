package dev.mooring.api;

import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.List;
import java.util.Map;

/**
 * One whole HTTP request as handlers see it, plus what decorators learned about it on the way in. {@code oversized}
 * marks a request whose body was over the server's limit: dropped as it arrived, so {@code body} is empty, and left
 * to a {@link dev.mooring.api.decorator.BodyLimit} to refuse in the protocol's own error shape.
 */
public record ApiRequest(String method, String path, Map<String, List<String>> query, HttpHeaders headers,
                         byte[] body, boolean oversized, String requestId, String region) {

    public static ApiRequest of(String method, String uri, HttpHeaders headers, byte[] body, boolean oversized) {
        QueryStringDecoder decoded = new QueryStringDecoder(uri);
        return new ApiRequest(method, decoded.path(), decoded.parameters(), headers, body, oversized, null, null);
    }

    public String header(CharSequence name) {
        return headers.get(name);
    }

    /** The media type of the body, lower case without parameters, or "" when none was sent. */
    public String mediaType() {
        String type = header("Content-Type");
        return type == null ? "" : type.split(";")[0].strip().toLowerCase(java.util.Locale.ROOT);
    }

    public ApiRequest withRequestId(String id) {
        return new ApiRequest(method, path, query, headers, body, oversized, id, region);
    }

    public ApiRequest withRegion(String name) {
        return new ApiRequest(method, path, query, headers, body, oversized, requestId, name);
    }
}
