package dev.mooring.proxy;

import java.time.Instant;

/**
 * One HTTP request or one TCP session as it ended. {@code status} is 0 for TCP, and for HTTP is what the client got
 * (the upstream's status, or the proxy's own 503/504); {@code grpcStatus} is null unless the listener speaks gRPC and
 * a grpc-status arrived; {@code endpoint} is the last host tried, null if none could be chosen. {@code path} never
 * carries the query string. Bytes are body bytes (HTTP) or stream bytes (TCP): received from and sent to the
 * client. {@code upstreamNanos} is the last attempt's time from sending the request to the response head (HTTP) or
 * the connect time (TCP), the value behind {@code x-envoy-upstream-service-time}; 0 when no upstream answered.
 * {@code attempts} counts upstream attempts (1 + retries).
 */
public record Exchange(Protocol protocol, String cluster, Endpoint endpoint, String method, String path, int status,
                       Integer grpcStatus, long bytesReceived, long bytesSent, long durationNanos,
                       long upstreamNanos, int attempts, Instant start) {}
