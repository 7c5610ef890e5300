package dev.mooring.proxy;

import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Objects;

/** One host (a task) of a cluster. Hosts with the same id keep their outlier state across host-set updates. */
public record Endpoint(String id, InetSocketAddress address, Map<String, String> labels) {
    public Endpoint {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(address, "address");
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    public static Endpoint of(String id, InetSocketAddress address) {
        return new Endpoint(id, address, Map.of());
    }
}
