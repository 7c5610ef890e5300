package dev.mooring.metrics;

/** A CloudWatch statistic set: what one minute (or a window of minutes) of a series holds. */
public record Statistics(long sampleCount, double sum, double minimum, double maximum) {
    public static final Statistics EMPTY =
            new Statistics(0, 0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY);

    /** Sum / SampleCount, or NaN when there were no samples. */
    public double average() {
        return sampleCount == 0 ? Double.NaN : sum / sampleCount;
    }

    public boolean isEmpty() {
        return sampleCount == 0 && minimum > maximum;
    }

    public Statistics merge(Statistics other) {
        return new Statistics(sampleCount + other.sampleCount, sum + other.sum, Math.min(minimum, other.minimum),
                Math.max(maximum, other.maximum));
    }
}
