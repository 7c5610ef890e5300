/**
 * Mooring's Service Connect data plane, in Envoy's vocabulary: a {@link dev.mooring.proxy.DataPlane} holds the shared
 * event loops and starts one {@link dev.mooring.proxy.Proxy} per task; a proxy has listeners (each a filter chain of
 * small Netty handlers) that route to clusters (host set, load balancer, outlier detector, retry policy).
 * Configuration and host sets are immutable snapshots pushed in, as Envoy takes xDS; nothing here knows ECS.
 */
package dev.mooring.proxy;
