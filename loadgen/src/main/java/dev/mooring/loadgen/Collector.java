package dev.mooring.loadgen;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * What the workers report, from every event loop at once: latencies into an HdrHistogram {@link Recorder} (wait-free
 * for writers; the reporting thread flips it once a second), counts into adders. The per-second counters are taken
 * with {@code getAndSet(0)}, so the seconds add up exactly to the totals.
 */
final class Collector {
    static final long HIGHEST_MICROS = TimeUnit.HOURS.toMicros(1);

    private final Recorder recorder = new Recorder(1, HIGHEST_MICROS, 3);
    private final Histogram total = new Histogram(1, HIGHEST_MICROS, 3);
    private final ConcurrentHashMap<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
    private final LongAdder[] errors = new LongAdder[ErrorKind.values().length];
    private final LongAdder bytes = new LongAdder();
    private final AtomicLong secondRequests = new AtomicLong();
    private final AtomicLong secondErrors = new AtomicLong();
    private final AtomicLong second5xx = new AtomicLong();
    private final List<SecondStats> seconds = new ArrayList<>();
    private Histogram interval;

    Collector() {
        for (int i = 0; i < errors.length; i++) {
            errors[i] = new LongAdder();
        }
    }

    void response(int status, long latencyNanos, long bodyBytes) {
        recorder.recordValue(Math.min(HIGHEST_MICROS, Math.max(1, TimeUnit.NANOSECONDS.toMicros(latencyNanos))));
        LongAdder count = statuses.get(status);
        (count != null ? count : statuses.computeIfAbsent(status, s -> new LongAdder())).increment();
        bytes.add(bodyBytes);
        if (status >= 500 && status <= 599) {
            second5xx.incrementAndGet();
        }
        secondRequests.incrementAndGet();
    }

    void error(ErrorKind kind) {
        errors[kind.ordinal()].increment();
        secondErrors.incrementAndGet();
        secondRequests.incrementAndGet();
    }

    /**
     * Closes one second (called by the one reporting thread): its figures join the totals, and the series unless it
     * is an empty last fraction of a second ({@code keepEmpty} false).
     */
    SecondStats closeSecond(long second, boolean keepEmpty) {
        interval = recorder.getIntervalHistogram(interval);
        total.add(interval);
        boolean any = interval.getTotalCount() > 0;
        SecondStats s = new SecondStats(second, secondRequests.getAndSet(0), secondErrors.getAndSet(0),
                second5xx.getAndSet(0), any ? millis(interval.getValueAtPercentile(50)) : 0,
                any ? millis(interval.getValueAtPercentile(99)) : 0);
        if (keepEmpty || s.requests() > 0) {
            seconds.add(s);
        }
        return s;
    }

    Histogram total() {
        return total;
    }

    List<SecondStats> seconds() {
        return List.copyOf(seconds);
    }

    Map<Integer, Long> statuses() {
        Map<Integer, Long> out = new TreeMap<>();
        statuses.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    Map<ErrorKind, Long> errors() {
        Map<ErrorKind, Long> out = new EnumMap<>(ErrorKind.class);
        for (ErrorKind k : ErrorKind.values()) {
            long n = errors[k.ordinal()].sum();
            if (n > 0) {
                out.put(k, n);
            }
        }
        return out;
    }

    long bytes() {
        return bytes.sum();
    }

    static double millis(long micros) {
        return micros / 1000.0;
    }
}
