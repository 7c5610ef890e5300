package dev.mooring.demo;

import java.time.Instant;
import java.util.Map;
import java.util.OptionalLong;

/** CloudWatch-style sums the before/after table shows. A seam: the server's metrics endpoint will answer it. */
public interface DemoMetrics {

    /** A metric series as CloudWatch names it: {@code AWS/ApplicationELB RequestCount LoadBalancer=app/...}. */
    record MetricQuery(String namespace, String metricName, Map<String, String> dimensions) {
        public MetricQuery {
            dimensions = Map.copyOf(dimensions);
        }
    }

    /** The Sum of the series over [from, to); empty when this source cannot say. */
    OptionalLong sum(MetricQuery query, Instant from, Instant to);

    /** Where the figures come from, for the table's footnote. */
    String describe();
}
