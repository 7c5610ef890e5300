package dev.mooring.metrics;

/** A count (requests, bytes, new connections). Keep the handle: {@link #add} is lock-free and allocation-free. */
public final class Counter {
    private final Series series;

    Counter(Series series) {
        this.series = series;
    }

    public void increment() {
        series.record(1);
    }

    /** One sample of value {@code n}: the minute's Sum grows by n, its SampleCount by one. */
    public void add(long n) {
        if (n < 0) {
            throw new IllegalArgumentException("a counter only grows: " + n);
        }
        series.record(n);
    }

    public MetricKey key() {
        return series.key;
    }
}
