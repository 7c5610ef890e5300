package dev.mooring.metrics;

import java.util.Objects;

/** What identifies a series, as in CloudWatch: namespace (such as {@code AWS/ECS}), metric name and dimensions. */
public record MetricKey(String namespace, String name, Dimensions dimensions) {
    public MetricKey {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dimensions, "dimensions");
        if (namespace.isEmpty() || name.isEmpty()) {
            throw new IllegalArgumentException("a metric needs a namespace and a name");
        }
    }
}
