package dev.mooring.metrics;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Every series of one process. Handles ({@link Counter}, {@link Distribution}, {@link Gauge}) are looked up once and
 * kept by whoever records: recording is then lock-free. Asking twice for the same key gives the same series; asking
 * for a metric name with another kind or unit than it was first registered with is a programming error.
 */
public final class MetricRegistry {
    /** CloudWatch keeps one-minute datapoints 15 days; Mooring keeps the last three hours (issue 7). */
    public static final Duration DEFAULT_RETENTION = Duration.ofHours(3);

    private final InstantSource clock;
    private final int retainedMinutes;
    private final ConcurrentHashMap<MetricKey, Series> series = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Series> firstOfFamily = new ConcurrentHashMap<>();
    private final List<Runnable> sampleHooks = new CopyOnWriteArrayList<>();

    public MetricRegistry() {
        this(InstantSource.system(), DEFAULT_RETENTION);
    }

    public MetricRegistry(InstantSource clock, Duration retention) {
        if (retention.compareTo(Duration.ofMinutes(1)) < 0) {
            throw new IllegalArgumentException("retention must be at least one minute: " + retention);
        }
        this.clock = clock;
        this.retainedMinutes = Math.toIntExact(retention.toMinutes());
    }

    public InstantSource clock() {
        return clock;
    }

    public Duration retention() {
        return Duration.ofMinutes(retainedMinutes);
    }

    public Counter counter(String namespace, String name, StandardUnit unit, Dimensions dimensions) {
        return new Counter(register(new MetricKey(namespace, name, dimensions), MetricKind.COUNTER, unit));
    }

    public Distribution distribution(String namespace, String name, StandardUnit unit, Dimensions dimensions) {
        return new Distribution(register(new MetricKey(namespace, name, dimensions), MetricKind.DISTRIBUTION, unit));
    }

    public Gauge gauge(String namespace, String name, StandardUnit unit, Dimensions dimensions) {
        return new Gauge(register(new MetricKey(namespace, name, dimensions), MetricKind.GAUGE, unit));
    }

    private Series register(MetricKey key, MetricKind kind, StandardUnit unit) {
        Series s = series.get(key);
        if (s == null) {
            s = series.computeIfAbsent(key, k -> new Series(k, kind, unit, clock, retainedMinutes));
        }
        // one kind and unit per metric name, whatever the dimensions: a Prometheus family has one type
        Series first = firstOfFamily.computeIfAbsent(key.namespace() + "\u0000" + key.name(), k -> series.get(key));
        if (first.kind != kind || first.unit != unit) {
            throw new IllegalArgumentException(key.namespace() + " " + key.name() + " is a " + first.kind + " in "
                    + first.unit + ", not a " + kind + " in " + unit);
        }
        return s;
    }

    /**
     * Forgets every datapoint and lifetime total recorded so far (the admin reset), so that figures start from zero;
     * series and the handles recorders hold stay valid, and gauges keep their current values.
     */
    public void clearHistory() {
        series.values().forEach(Series::clearHistory);
    }

    /** The series the filter matches, with their retained minutes from the one holding {@code since} on. */
    public List<SeriesData> series(SeriesFilter filter, Instant since) {
        long now = Math.floorDiv(clock.millis(), Series.MINUTE_MILLIS);
        long from = Math.floorDiv(since.toEpochMilli(), Series.MINUTE_MILLIS);
        List<SeriesData> out = new ArrayList<>();
        for (Series s : series.values()) {
            if (!filter.matches(s.key)) {
                continue;
            }
            List<Datapoint> points = new ArrayList<>();
            for (MinuteBucket b : s.ring().between(from, now)) {
                Statistics st = b.statistics();
                if (!st.isEmpty()) {
                    points.add(new Datapoint(Instant.ofEpochMilli(b.minute * Series.MINUTE_MILLIS), st));
                }
            }
            if (!points.isEmpty()) {
                out.add(new SeriesData(s.key, s.kind, s.unit, points));
            }
        }
        out.sort(Comparator.comparing((SeriesData d) -> d.key().namespace()).thenComparing(d -> d.key().name())
                .thenComparing(d -> d.key().dimensions().toString()));
        return out;
    }

    /**
     * The statistic set of exactly one series (no other dimension set) over its minutes from the one holding
     * {@code since} to now; {@link Statistics#EMPTY} when it has none. A dimension filter that matches subsets would
     * count a Service Connect request twice (it is recorded under two dimension sets): this one does not.
     */
    public Statistics statistics(MetricKey key, Instant since) {
        Series s = series.get(key);
        if (s == null) {
            return Statistics.EMPTY;
        }
        long now = Math.floorDiv(clock.millis(), Series.MINUTE_MILLIS);
        long from = Math.floorDiv(since.toEpochMilli(), Series.MINUTE_MILLIS);
        Statistics total = Statistics.EMPTY;
        for (MinuteBucket b : s.ring().between(from, now)) {
            total = total.merge(b.statistics());
        }
        return total;
    }

    /** The Sum of one series over the last {@code window} (whole minutes, the current one included). */
    public double sum(String namespace, String metric, Dimensions dimensions, Duration window) {
        return statistics(new MetricKey(namespace, metric, dimensions), clock.instant().minus(window)).sum();
    }

    /** Samples every gauge once and runs the sample hooks (per-minute figures published when a minute closes). */
    public void sample() {
        for (Series s : series.values()) {
            if (s.kind == MetricKind.GAUGE) {
                s.sample();
            }
        }
        sampleHooks.forEach(Runnable::run);
    }

    /** Runs {@code hook} on every {@link #sample()}, after the gauges. */
    public void onSample(Runnable hook) {
        sampleHooks.add(hook);
    }

    /** Calls {@link #sample()} every {@code period} on a daemon thread until the returned handle is closed. */
    public AutoCloseable sampleEvery(Duration period) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "metrics-sampler");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleAtFixedRate(this::sample, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
        return timer::shutdownNow;
    }

    /** Every series in Prometheus's text exposition format 0.0.4, cumulative since the process started. */
    public String prometheusText() {
        return PrometheusText.write(allSeries());
    }

    Collection<Series> allSeries() {
        return List.copyOf(series.values());
    }
}
