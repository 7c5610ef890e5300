package dev.mooring.proxy;

import java.net.InetSocketAddress;
import java.util.Objects;

/** One listener: where it binds, what it speaks, which cluster it routes to. {@code accessLog} may be null. */
public record ListenerConfig(String name, Direction direction, InetSocketAddress address, Protocol protocol,
                             String cluster, TimeoutPolicy timeouts, AccessLog accessLog) {
    public ListenerConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(cluster, "cluster");
        timeouts = timeouts == null ? TimeoutPolicy.awsDefault(protocol) : timeouts;
    }

    public static ListenerConfig of(String name, Direction direction, InetSocketAddress address, Protocol protocol,
                                    String cluster) {
        return new ListenerConfig(name, direction, address, protocol, cluster, null, null);
    }

    public ListenerConfig withTimeouts(TimeoutPolicy t) {
        return new ListenerConfig(name, direction, address, protocol, cluster, t, accessLog);
    }

    public ListenerConfig withAccessLog(AccessLog log) {
        return new ListenerConfig(name, direction, address, protocol, cluster, timeouts, log);
    }
}
