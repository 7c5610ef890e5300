package dev.mooring.proxy;

/**
 * How a listener's proxy shows itself: the {@code server} header of its own answers (error replies, fixed responses,
 * redirects), whether it also overwrites the upstream's {@code server} header, whether ingress responses carry
 * {@code x-envoy-upstream-service-time}, and which headers it adds to the requests it forwards.
 */
public record ProxyIdentity(String server, boolean overwriteServer, boolean upstreamServiceTime,
                            RequestHeaders requestHeaders) {
    /** The headers a proxy adds to a request on its way upstream. */
    public enum RequestHeaders {
        NONE,
        /** Envoy's: an {@code x-request-id} (a random UUID) when the request has none. */
        ENVOY,
        /**
         * An ALB's: the client's address appended to {@code X-Forwarded-For}, {@code X-Forwarded-Proto} and
         * {@code X-Forwarded-Port} of the listener, and an {@code X-Amzn-Trace-Id} root when the request has none.
         */
        ALB
    }

    /**
     * Service Connect's Envoy: {@code server: envoy} on every response (Envoy's default server header
     * transformation is to overwrite), the upstream service time (spec §4.4, "client-visible artifacts"), and a
     * request id.
     */
    public static final ProxyIdentity ENVOY = new ProxyIdentity("envoy", true, true, RequestHeaders.ENVOY);
    /** An Application Load Balancer: its own answers say {@code server: awselb/2.0}; targets' responses pass as they are. */
    public static final ProxyIdentity ALB = new ProxyIdentity("awselb/2.0", false, false, RequestHeaders.ALB);

    public ProxyIdentity {
        if (overwriteServer && server == null) throw new IllegalArgumentException("overwriting needs a server name");
        requestHeaders = requestHeaders == null ? RequestHeaders.NONE : requestHeaders;
    }
}
