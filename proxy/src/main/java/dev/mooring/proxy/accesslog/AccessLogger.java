package dev.mooring.proxy.accesslog;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mooring.proxy.AccessLog;
import dev.mooring.proxy.Endpoint;
import dev.mooring.proxy.Exchange;
import dev.mooring.proxy.Protocol;

import java.net.InetSocketAddress;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Formats and emits one line per exchange. TEXT is Service Connect's default HTTP format (spec §5.2):
 * {@code [%START_TIME%] "%REQ(:METHOD)% %REQ(X-ENVOY-ORIGINAL-PATH?:PATH)% %PROTOCOL%" %RESPONSE_CODE%
 * %BYTES_RECEIVED% %BYTES_SENT% %DURATION% %RESP(X-ENVOY-UPSTREAM-SERVICE-TIME)% "%REQ(X-FORWARDED-FOR)%"
 * "%REQ(USER-AGENT)%" "%REQ(X-REQUEST-ID)%" "%REQ(:AUTHORITY)%" "%UPSTREAM_HOST%"}; a TCP session uses the same
 * operators, which Envoy renders as "-" (and 0 for the response code) when there is no HTTP request. JSON carries the
 * same fields under Envoy's operator names in snake case.
 */
public final class AccessLogger {
    private static final DateTimeFormatter START_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AccessLog config;

    public AccessLogger(AccessLog config) {
        this.config = config;
    }

    /** The JSON line's fields, in this order. */
    public record JsonLine(@JsonProperty("start_time") String startTime,
                           @JsonProperty("method") String method,
                           @JsonProperty("path") String path,
                           @JsonProperty("protocol") String protocol,
                           @JsonProperty("response_code") int responseCode,
                           @JsonProperty("grpc_status") Integer grpcStatus,
                           @JsonProperty("bytes_received") long bytesReceived,
                           @JsonProperty("bytes_sent") long bytesSent,
                           @JsonProperty("duration") long duration,
                           @JsonProperty("upstream_service_time") Long upstreamServiceTime,
                           @JsonProperty("x_forwarded_for") String forwardedFor,
                           @JsonProperty("user_agent") String userAgent,
                           @JsonProperty("request_id") String requestId,
                           @JsonProperty("authority") String authority,
                           @JsonProperty("upstream_host") String upstreamHost,
                           @JsonProperty("upstream_cluster") String upstreamCluster) {}

    public void log(AccessLogEntry entry) {
        config.sink().accept(format(entry));
    }

    public String format(AccessLogEntry e) {
        Exchange x = e.exchange();
        boolean tcp = x.protocol() == Protocol.TCP;
        String path = tcp ? null : config.includeQueryParameters() ? e.pathWithQuery() : stripQuery(e.pathWithQuery());
        String start = START_TIME.format(x.start());
        long durationMillis = x.durationNanos() / 1_000_000;
        String upstream = upstreamHost(x.endpoint());
        if (config.format() == AccessLog.Format.JSON) {
            try {
                return JSON.writeValueAsString(new JsonLine(start, tcp ? null : x.method(), path,
                        tcp ? null : e.protocol(), x.status(), x.grpcStatus(), x.bytesReceived(), x.bytesSent(),
                        durationMillis, e.upstreamServiceTimeMillis(), e.forwardedFor(), e.userAgent(), e.requestId(),
                        e.authority(), upstream, x.cluster()));
            } catch (JsonProcessingException ex) {
                throw new IllegalStateException(ex);
            }
        }
        StringBuilder b = new StringBuilder(192);
        b.append('[').append(start).append("] \"")
                .append(dash(tcp ? null : x.method())).append(' ').append(dash(path)).append(' ')
                .append(dash(tcp ? null : e.protocol())).append("\" ")
                .append(x.status()).append(' ')
                .append(x.bytesReceived()).append(' ').append(x.bytesSent()).append(' ')
                .append(durationMillis).append(' ')
                .append(e.upstreamServiceTimeMillis() == null ? "-" : e.upstreamServiceTimeMillis().toString())
                .append(" \"").append(dash(e.forwardedFor())).append("\" \"").append(dash(e.userAgent()))
                .append("\" \"").append(dash(e.requestId())).append("\" \"").append(dash(e.authority()))
                .append("\" \"").append(dash(upstream)).append('"');
        return b.toString();
    }

    public static String stripQuery(String path) {
        if (path == null) return null;
        int q = path.indexOf('?');
        return q < 0 ? path : path.substring(0, q);
    }

    private static String upstreamHost(Endpoint endpoint) {
        if (endpoint == null) return null;
        InetSocketAddress a = endpoint.address();
        return a.getHostString() + ":" + a.getPort();
    }

    private static String dash(String s) {
        return s == null || s.isEmpty() ? "-" : s;
    }
}
