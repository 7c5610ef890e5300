package dev.mooring.metrics;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Prometheus's text exposition format, version 0.0.4 (what {@code GET /_mooring/metrics} answers with content type
 * {@code text/plain; version=0.0.4}). Names follow the CloudWatch exporter's convention: namespace and metric name
 * in snake case ({@code AWS/ECS} {@code HTTPCode_Target_2XX_Count} becomes {@code aws_ecs_http_code_target_2xx_count}),
 * dimensions as snake-case labels. Counters get {@code _total}; distributions are summaries with only
 * {@code _sum} and {@code _count}; gauges show their current value. Values are cumulative since the process started,
 * as Prometheus expects; the per-minute statistic sets stay behind {@link MetricRegistry#series}.
 */
public final class PrometheusText {
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private PrometheusText() {}

    static String write(Collection<Series> all) {
        Map<String, List<Series>> families = new TreeMap<>();
        for (Series s : all) {
            families.computeIfAbsent(familyName(s), k -> new ArrayList<>()).add(s);
        }
        StringBuilder out = new StringBuilder();
        families.forEach((family, members) -> {
            members.sort(Comparator.comparing(s -> s.key.dimensions().toString()));
            Series first = members.getFirst();
            out.append("# HELP ").append(family).append(' ')
                    .append(escapeHelp("CloudWatch " + first.key.namespace() + " " + first.key.name() + " ("
                            + first.unit.cloudWatchName() + ")"))
                    .append('\n');
            out.append("# TYPE ").append(family).append(' ').append(switch (first.kind) {
                case COUNTER -> "counter";
                case DISTRIBUTION -> "summary";
                case GAUGE -> "gauge";
            }).append('\n');
            for (Series s : members) {
                String labels = labels(s.key.dimensions());
                switch (s.kind) {
                    case COUNTER -> sample(out, family, labels, s.lifetimeSum());
                    case GAUGE -> sample(out, family, labels, s.current());
                    case DISTRIBUTION -> {
                        sample(out, family + "_sum", labels, s.lifetimeSum());
                        sample(out, family + "_count", labels, s.lifetimeCount());
                    }
                }
            }
        });
        return out.toString();
    }

    static String familyName(Series s) {
        String base = snake(s.key.namespace()) + "_" + snake(s.key.name());
        return s.kind == MetricKind.COUNTER ? base + "_total" : base;
    }

    /** {@code HTTPCode_Target_2XX_Count} to {@code http_code_target_2xx_count}; anything outside [a-z0-9_] to _. */
    static String snake(String name) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isUpperCase(c) && i > 0) {
                char prev = name.charAt(i - 1);
                boolean nextLower = i + 1 < name.length() && Character.isLowerCase(name.charAt(i + 1));
                if (Character.isLowerCase(prev)
                        || (Character.isUpperCase(prev) && nextLower)) {
                    b.append('_');
                }
            }
            char l = Character.toLowerCase(c);
            b.append((l >= 'a' && l <= 'z') || (l >= '0' && l <= '9') ? l : '_');
        }
        String s = b.toString().replaceAll("_+", "_").replaceAll("^_|_$", "");
        return s.isEmpty() || Character.isDigit(s.charAt(0)) ? "_" + s : s;
    }

    private static String labels(Dimensions d) {
        if (d.isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder("{");
        d.values().forEach((k, v) -> {
            if (b.length() > 1) {
                b.append(',');
            }
            b.append(snake(k)).append("=\"").append(escapeLabelValue(v)).append('"');
        });
        return b.append('}').toString();
    }

    private static void sample(StringBuilder out, String name, String labels, double value) {
        out.append(name).append(labels).append(' ').append(format(value)).append('\n');
    }

    static String format(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, "%s", v);
    }

    static String escapeLabelValue(String v) {
        return v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    static String escapeHelp(String v) {
        return v.replace("\\", "\\\\").replace("\n", "\\n");
    }
}
