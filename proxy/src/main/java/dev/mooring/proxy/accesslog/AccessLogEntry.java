package dev.mooring.proxy.accesslog;

import dev.mooring.proxy.Exchange;

/**
 * What one access-log line needs beyond the {@link Exchange}: request headers as the client sent them, the path with
 * its query string, the wire protocol, and the upstream service time the proxy put in the response (null if none).
 * Header values are null when absent. Built only when the listener has an access log.
 */
public record AccessLogEntry(Exchange exchange, String protocol, String pathWithQuery, String forwardedFor,
                             String userAgent, String requestId, String authority, Long upstreamServiceTimeMillis) {}
