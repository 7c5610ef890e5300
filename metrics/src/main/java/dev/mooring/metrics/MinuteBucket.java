package dev.mooring.metrics;

import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

/**
 * One minute of one series. Striped adders and accumulators, so many threads record into the same minute without
 * a lock and without contending on one cache line. Minimum and Maximum keep a double's bits in a long accumulator.
 */
final class MinuteBucket {
    private static final long POSITIVE_INFINITY = Double.doubleToRawLongBits(Double.POSITIVE_INFINITY);
    private static final long NEGATIVE_INFINITY = Double.doubleToRawLongBits(Double.NEGATIVE_INFINITY);

    final long minute;
    private final LongAdder count = new LongAdder();
    private final DoubleAdder sum = new DoubleAdder();
    private final LongAccumulator min = new LongAccumulator(MinuteBucket::smaller, POSITIVE_INFINITY);
    private final LongAccumulator max = new LongAccumulator(MinuteBucket::larger, NEGATIVE_INFINITY);

    MinuteBucket(long minute) {
        this.minute = minute;
    }

    /** One sample: counts towards every statistic. */
    void record(double value) {
        sum.add(value);
        observe(value);
        count.increment();
    }

    /** A value the series passed through (a gauge's change): only Minimum and Maximum see it. */
    void observe(double value) {
        long bits = Double.doubleToRawLongBits(value);
        min.accumulate(bits);
        max.accumulate(bits);
    }

    Statistics statistics() {
        return new Statistics(count.sum(), sum.sum(), Double.longBitsToDouble(min.get()),
                Double.longBitsToDouble(max.get()));
    }

    private static long smaller(long a, long b) {
        return Double.longBitsToDouble(a) <= Double.longBitsToDouble(b) ? a : b;
    }

    private static long larger(long a, long b) {
        return Double.longBitsToDouble(a) >= Double.longBitsToDouble(b) ? a : b;
    }
}
