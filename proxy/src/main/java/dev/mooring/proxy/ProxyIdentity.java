package dev.mooring.proxy;

/**
 * How a listener's proxy shows itself in responses: the {@code server} header of its own answers (error replies,
 * fixed responses, redirects), whether it also overwrites the upstream's {@code server} header, and whether ingress
 * responses carry {@code x-envoy-upstream-service-time}.
 */
public record ProxyIdentity(String server, boolean overwriteServer, boolean upstreamServiceTime) {
    /**
     * Service Connect's Envoy: {@code server: envoy} on every response (Envoy's default server header
     * transformation is to overwrite) and the upstream service time (spec §4.4, "client-visible artifacts").
     */
    public static final ProxyIdentity ENVOY = new ProxyIdentity("envoy", true, true);
    /** An Application Load Balancer: its own answers say {@code server: awselb/2.0}; targets' responses pass as they are. */
    public static final ProxyIdentity ALB = new ProxyIdentity("awselb/2.0", false, false);

    public ProxyIdentity {
        if (overwriteServer && server == null) throw new IllegalArgumentException("overwriting needs a server name");
    }
}
