package dev.mooring.metrics;

/**
 * A current value, such as open connections. Each minute holds the periodic samples of the value (so Average is the
 * time average, as a CloudWatch agent polling a gauge gives) while Minimum and Maximum also see every change, so a
 * burst between two samples still shows. The registry's sampler takes the samples.
 */
public final class Gauge {
    private final Series series;

    Gauge(Series series) {
        this.series = series;
    }

    public long increment() {
        return series.move(1);
    }

    public long decrement() {
        return series.move(-1);
    }

    public void set(long value) {
        series.set(value);
    }

    public long value() {
        return series.current();
    }

    public MetricKey key() {
        return series.key;
    }
}
