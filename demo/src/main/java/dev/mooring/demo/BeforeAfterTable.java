package dev.mooring.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The before/after table the demo prints and the report shows: one row per figure, one column per phase. */
public final class BeforeAfterTable {
    private BeforeAfterTable() {}

    /** A row: the figure's name and its value in each phase. */
    public record Row(String figure, String before, String after) {}

    public static List<Row> rows(PhaseResult before, PhaseResult after) {
        List<Row> rows = new ArrayList<>();
        rows.add(row("requests", before, after, p -> Long.toString(p.traffic().requests())));
        rows.add(row("failed requests (no answer or non-2xx)", before, after, p -> Long.toString(p.failed())));
        rows.add(row("  by kind", before, after, p -> kinds(p.failuresByKind())));
        rows.add(row("appserver tasks killed", before, after, p -> Integer.toString(p.kills().size())));
        rows.add(row("tasks ECS replaced (failed health checks)", before, after,
                p -> Long.toString(p.tasksFailingHealthChecks())));
        rows.add(row("latency p50", before, after, p -> millis(p.percentileMillis(50))));
        rows.add(row("latency p99", before, after, p -> millis(p.percentileMillis(99))));
        rows.add(row("latency max", before, after, p -> millis(p.traffic().slowestMillis())));
        rows.add(row("internal LB RequestCount", before, after, p -> figure(p.internalLbRequests())));
        rows.add(row("ELB 5XX count (both LBs)", before, after, p -> figure(p.elb5xx())));
        rows.add(row("Service Connect RequestCount (appserver)", before, after,
                p -> figure(p.serviceConnectRequests())));
        rows.add(row("Cloud Map services in yelb.sc.internal", before, after,
                p -> p.scNamespaceServices().isEmpty() ? "none" : String.join(", ", p.scNamespaceServices())));
        return rows;
    }

    public static String render(PhaseResult before, PhaseResult after) {
        List<Row> rows = rows(before, after);
        int w0 = Math.max("figure".length(), rows.stream().mapToInt(r -> r.figure().length()).max().orElse(0));
        int w1 = Math.max(before.name().length(), rows.stream().mapToInt(r -> r.before().length()).max().orElse(0));
        StringBuilder out = new StringBuilder();
        String format = "%-" + w0 + "s  %-" + w1 + "s  %s%n";
        out.append(String.format(format, "", before.name(), after.name()));
        for (Row r : rows) {
            out.append(String.format(format, r.figure(), r.before(), r.after()));
        }
        return out.toString();
    }

    static String kinds(Map<String, Long> byKind) {
        return byKind.isEmpty() ? "-" : byKind.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue())
                .collect(Collectors.joining(", "));
    }

    static String millis(double ms) {
        return ms >= 100 ? String.format("%.0f ms", ms) : String.format("%.1f ms", ms);
    }

    static String figure(Long value) {
        return value == null ? "n/a" : Long.toString(value);
    }

    private static Row row(String figure, PhaseResult before, PhaseResult after,
                           java.util.function.Function<PhaseResult, String> value) {
        return new Row(figure, value.apply(before), value.apply(after));
    }
}
