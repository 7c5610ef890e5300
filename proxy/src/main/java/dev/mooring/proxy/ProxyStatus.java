package dev.mooring.proxy;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;

/** A point-in-time view of one proxy, for `mooring status` and tests. */
public record ProxyStatus(String name, boolean draining, List<ListenerStatus> listeners, List<ClusterStatus> clusters,
                          int activeConnections, long inFlight) {
    public record ListenerStatus(String name, Direction direction, Protocol protocol, InetSocketAddress address,
                                 boolean bound) {}

    public record ClusterStatus(String name, Protocol protocol, List<HostStatus> hosts) {}

    /** {@code ejectedUntil} is null when the host takes traffic. */
    public record HostStatus(Endpoint endpoint, Instant ejectedUntil, int ejections, int activeRequests) {}
}
