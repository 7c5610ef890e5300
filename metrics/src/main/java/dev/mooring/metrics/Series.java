package dev.mooring.metrics;

import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/** The state behind one series: its ring of minutes, lifetime totals (for Prometheus) and a gauge's current value. */
final class Series {
    static final long MINUTE_MILLIS = 60_000;

    final MetricKey key;
    final MetricKind kind;
    final StandardUnit unit;
    private final InstantSource clock;
    private final MinuteRing ring;
    private final DoubleAdder lifetimeSum = new DoubleAdder();
    private final LongAdder lifetimeCount = new LongAdder();
    private final AtomicLong current = new AtomicLong();

    Series(MetricKey key, MetricKind kind, StandardUnit unit, InstantSource clock, int retainedMinutes) {
        this.key = key;
        this.kind = kind;
        this.unit = unit;
        this.clock = clock;
        this.ring = new MinuteRing(retainedMinutes);
    }

    long nowMinute() {
        return Math.floorDiv(clock.millis(), MINUTE_MILLIS);
    }

    void record(double value) {
        recordAt(nowMinute(), value);
    }

    void recordAt(long minute, double value) {
        MinuteBucket b = ring.bucket(minute);
        if (b != null) {
            b.record(value);
        }
        lifetimeSum.add(value);
        lifetimeCount.increment();
    }

    /** A gauge moved by {@code delta}; the minute's Minimum and Maximum see the new value. */
    long move(long delta) {
        long now = current.addAndGet(delta);
        MinuteBucket b = ring.bucket(nowMinute());
        if (b != null) {
            b.observe(now);
        }
        return now;
    }

    void set(long value) {
        current.set(value);
        MinuteBucket b = ring.bucket(nowMinute());
        if (b != null) {
            b.observe(value);
        }
    }

    long current() {
        return current.get();
    }

    /** A gauge's periodic sample: one sample of its current value. */
    void sample() {
        MinuteBucket b = ring.bucket(nowMinute());
        if (b != null) {
            b.record(current.get());
        }
    }

    /** Forgets the recorded minutes and lifetime totals; a gauge keeps its current value, which is live state. */
    void clearHistory() {
        ring.clear();
        lifetimeSum.reset();
        lifetimeCount.reset();
    }

    MinuteRing ring() {
        return ring;
    }

    double lifetimeSum() {
        return lifetimeSum.sum();
    }

    long lifetimeCount() {
        return lifetimeCount.sum();
    }
}
