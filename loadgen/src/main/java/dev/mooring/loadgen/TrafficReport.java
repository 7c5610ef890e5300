package dev.mooring.loadgen;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * The figures of one run: hey's summary, status codes, errors by kind, latency histogram and percentiles (all
 * latencies of answered requests, from HdrHistogram), and the per-second series. Latencies are in milliseconds; at a
 * constant rate they count from each request's intended send time (coordinated omission corrected).
 *
 * @param requests finished requests, answered or failed
 * @param responses requests that got an HTTP response, whatever its status
 */
public record TrafficReport(String url, int concurrency, double ratePerWorker, double totalSeconds, long requests,
        long responses, long errors, double slowestMillis, double fastestMillis, double averageMillis,
        double requestsPerSecond, long totalBytes, Map<Integer, Long> statusCodes, Map<ErrorKind, Long> errorKinds,
        List<Bucket> histogram, List<Percentile> percentiles, List<SecondStats> seconds) {

    public static final double[] PERCENTILES = {10, 25, 50, 75, 90, 95, 99, 99.9};

    /** Responses whose latency is at most {@code upToMillis} and above the previous bucket's mark. */
    public record Bucket(double upToMillis, long count) {}

    public record Percentile(double percentile, double millis) {}

    public TrafficReport {
        statusCodes = Map.copyOf(statusCodes);
        errorKinds = Map.copyOf(errorKinds);
        histogram = List.copyOf(histogram);
        percentiles = List.copyOf(percentiles);
        seconds = List.copyOf(seconds);
    }

    static TrafficReport of(TrafficPlan plan, double totalSeconds, Collector c) {
        Histogram h = c.total();
        Map<Integer, Long> statuses = c.statuses();
        Map<ErrorKind, Long> errors = c.errors();
        long responses = statuses.values().stream().mapToLong(Long::longValue).sum();
        long failed = errors.values().stream().mapToLong(Long::longValue).sum();
        boolean any = h.getTotalCount() > 0;
        double fastest = any ? Collector.millis(h.getMinValue()) : 0;
        double slowest = any ? Collector.millis(h.getMaxValue()) : 0;
        List<Bucket> buckets = new ArrayList<>();
        List<Percentile> percentiles = new ArrayList<>();
        if (any) {
            // hey's shape: ten equal steps from the fastest to the slowest
            long lo = h.getMinValue();
            long hi = h.getMaxValue();
            long[] marks = new long[11];
            long[] counts = new long[11];
            for (int i = 0; i <= 10; i++) {
                marks[i] = i == 10 ? hi : lo + (hi - lo) * i / 10;
            }
            // each recorded value counted once, in the first bucket whose mark it does not pass (counting between
            // marks instead would count a value twice where two ranges share one of the histogram's buckets)
            for (HistogramIterationValue v : h.recordedValues()) {
                int i = 0;
                while (i < 10 && v.getValueIteratedTo() > marks[i]) {
                    i++;
                }
                counts[i] += v.getCountAtValueIteratedTo();
            }
            for (int i = 0; i <= 10; i++) {
                buckets.add(new Bucket(Collector.millis(marks[i]), counts[i]));
            }
            for (double p : PERCENTILES) {
                percentiles.add(new Percentile(p, Collector.millis(h.getValueAtPercentile(p))));
            }
        }
        long finished = responses + failed;
        return new TrafficReport(plan.url().toString(), plan.concurrency(), plan.ratePerWorker(), totalSeconds,
                finished, responses, failed, slowest, fastest, any ? h.getMean() / 1000.0 : 0,
                totalSeconds > 0 ? finished / totalSeconds : 0, c.bytes(), statuses, errors, buckets, percentiles,
                c.seconds());
    }

    /** The report in hey's layout (times in seconds, as hey prints them). */
    public String text() {
        StringBuilder b = new StringBuilder();
        b.append("\nSummary:\n");
        b.append(f("  Total:\t%.4f secs%n", totalSeconds));
        b.append(f("  Slowest:\t%.4f secs%n", slowestMillis / 1000));
        b.append(f("  Fastest:\t%.4f secs%n", fastestMillis / 1000));
        b.append(f("  Average:\t%.4f secs%n", averageMillis / 1000));
        b.append(f("  Requests/sec:\t%.4f%n", requestsPerSecond));
        b.append('\n');
        b.append(f("  Total data:\t%d bytes%n", totalBytes));
        b.append(f("  Size/request:\t%d bytes%n", responses == 0 ? 0 : totalBytes / responses));
        if (!histogram.isEmpty()) {
            b.append("\nResponse time histogram:\n");
            long max = histogram.stream().mapToLong(Bucket::count).max().orElse(1);
            for (Bucket k : histogram) {
                int bar = max == 0 ? 0 : (int) (k.count() * 40 / max);
                b.append(f("  %.3f [%d]\t|%s%n", k.upToMillis() / 1000, k.count(), "■".repeat(bar)));
            }
            b.append("\nLatency distribution:\n");
            for (Percentile p : percentiles) {
                String label = p.percentile() == Math.rint(p.percentile()) ? Long.toString((long) p.percentile())
                        : Double.toString(p.percentile());
                b.append(f("  %s%% in %.4f secs%n", label, p.millis() / 1000));
            }
        }
        b.append("\nStatus code distribution:\n");
        statusCodes.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> b.append(f("  [%d]\t%d responses%n", e.getKey(), e.getValue())));
        if (!errorKinds.isEmpty()) {
            b.append("\nError distribution:\n");
            errorKinds.entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .forEach(e -> b.append(f("  [%d]\t%s%n", e.getValue(), e.getKey().description())));
        }
        return b.toString();
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
