/**
 * Metrics as CloudWatch keeps them: series keyed by namespace, metric name and dimensions, each holding one
 * statistic set (Sum, SampleCount, Minimum, Maximum) per minute for at least three hours. The data plane (Service
 * Connect proxies, load balancers) records into a {@link dev.mooring.metrics.MetricRegistry} without taking a lock;
 * readers query windows of minutes, render a table for the CLI, or expose cumulative values in Prometheus's text
 * format. {@link dev.mooring.metrics.ServiceConnectMetrics} names the Service Connect metrics of spec §5.1.
 */
package dev.mooring.metrics;
