package dev.mooring.proxy;

/** What a retry policy retries (spec §4.4; Envoy's connect-failure, reset, refused-stream and retriable 503). */
public enum RetryOn {
    /** The upstream connection could not be established (refused, unreachable, connect timeout). */
    CONNECT_FAILURE,
    /** The upstream connection or stream closed or reset before any response byte reached the client. */
    RESET_BEFORE_RESPONSE,
    /** An HTTP/2 upstream refused the stream (RST_STREAM REFUSED_STREAM, or no stream could be opened). */
    REFUSED_STREAM,
    /** The upstream answered 503. */
    HTTP_503
}
