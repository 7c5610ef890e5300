package dev.mooring.proxy;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;

/**
 * One listener: where it binds, what it speaks, and where its requests go: its {@code cluster}, or for HTTP
 * listeners with {@code routes}, the action of the first route that matches (then {@code cluster}, the default
 * route's, may be null). {@code accessLog} may be null; {@code identity} null is {@link ProxyIdentity#ENVOY}.
 */
public record ListenerConfig(String name, Direction direction, InetSocketAddress address, Protocol protocol,
                             String cluster, TimeoutPolicy timeouts, AccessLog accessLog, List<Route> routes,
                             ProxyIdentity identity) {
    public ListenerConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(protocol, "protocol");
        timeouts = timeouts == null ? TimeoutPolicy.awsDefault(protocol) : timeouts;
        identity = identity == null ? ProxyIdentity.ENVOY : identity;
        if (routes == null || routes.isEmpty()) {
            Objects.requireNonNull(cluster, "cluster");
            routes = List.of(Route.forwardAll(cluster));
        } else if (protocol == Protocol.TCP && !routes.equals(List.of(Route.forwardAll(cluster)))) {
            throw new IllegalArgumentException("TCP listener " + name + " cannot have routes");
        } else {
            routes = List.copyOf(routes);
        }
    }

    /** As Envoy shows itself. */
    public ListenerConfig(String name, Direction direction, InetSocketAddress address, Protocol protocol,
                          String cluster, TimeoutPolicy timeouts, AccessLog accessLog, List<Route> routes) {
        this(name, direction, address, protocol, cluster, timeouts, accessLog, routes, null);
    }

    /** Every request to {@code cluster}. */
    public ListenerConfig(String name, Direction direction, InetSocketAddress address, Protocol protocol,
                          String cluster, TimeoutPolicy timeouts, AccessLog accessLog) {
        this(name, direction, address, protocol, cluster, timeouts, accessLog, null);
    }

    public static ListenerConfig of(String name, Direction direction, InetSocketAddress address, Protocol protocol,
                                    String cluster) {
        return new ListenerConfig(name, direction, address, protocol, cluster, null, null);
    }

    public ListenerConfig withTimeouts(TimeoutPolicy t) {
        return new ListenerConfig(name, direction, address, protocol, cluster, t, accessLog, routes, identity);
    }

    public ListenerConfig withAccessLog(AccessLog log) {
        return new ListenerConfig(name, direction, address, protocol, cluster, timeouts, log, routes, identity);
    }

    public ListenerConfig withIdentity(ProxyIdentity id) {
        return new ListenerConfig(name, direction, address, protocol, cluster, timeouts, accessLog, routes, id);
    }
}
