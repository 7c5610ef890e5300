package dev.mooring.metrics;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which series a query wants: an optional namespace, an optional metric name and dimensions each matching series
 * must carry (a series may carry more, so {@code ServiceName=yelb-appserver} finds every metric of that service).
 */
public record SeriesFilter(String namespace, String metricName, Map<String, String> dimensions) {
    public SeriesFilter {
        dimensions = Map.copyOf(dimensions);
    }

    public static SeriesFilter all() {
        return new SeriesFilter(null, null, Map.of());
    }

    public SeriesFilter namespace(String ns) {
        return new SeriesFilter(ns, metricName, dimensions);
    }

    public SeriesFilter metric(String name) {
        return new SeriesFilter(namespace, name, dimensions);
    }

    public SeriesFilter dimension(String name, String value) {
        Map<String, String> map = new LinkedHashMap<>(dimensions);
        map.put(name, value);
        return new SeriesFilter(namespace, metricName, map);
    }

    public boolean matches(MetricKey key) {
        return (namespace == null || namespace.equals(key.namespace()))
                && (metricName == null || metricName.equals(key.name()))
                && key.dimensions().containsAll(dimensions);
    }
}
