package dev.mooring.proxy;

import java.util.List;
import java.util.Objects;

/** The hosts of one cluster: immutable, replaced whole (like an Envoy EDS ClusterLoadAssignment). */
public record HostSet(String cluster, List<Endpoint> endpoints) {
    public HostSet {
        Objects.requireNonNull(cluster, "cluster");
        endpoints = List.copyOf(endpoints);
    }
}
