package dev.mooring.metrics;

/** How a series is fed, which decides how Prometheus sees it; every kind keeps the same per-minute statistic set. */
public enum MetricKind {
    /** Each {@code add(n)} is one sample of value n; Sum is the count over the minute. */
    COUNTER,
    /** Each {@code record(v)} is one sample (a response time, say); Average is what one looks at. */
    DISTRIBUTION,
    /** A current value (open connections), sampled periodically; Minimum and Maximum also see every change. */
    GAUGE
}
