package dev.mooring.metrics;

/** Samples whose Average, Minimum and Maximum matter (a response time in milliseconds). Lock-free. */
public final class Distribution {
    private final Series series;

    Distribution(Series series) {
        this.series = series;
    }

    public void record(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("not a finite sample: " + value);
        }
        series.record(value);
    }

    /** A sample that belongs to an earlier minute (a per-minute figure published once the minute is over). */
    void recordInMinute(long epochMinute, double value) {
        series.recordAt(epochMinute, value);
    }

    public MetricKey key() {
        return series.key;
    }
}
