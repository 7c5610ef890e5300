package dev.mooring.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The table {@code mooring metrics} prints: one row per series with its statistic set over the queried window
 * (Sum, Average, Minimum, Maximum, SampleCount), as CloudWatch gives one period spanning the window.
 */
public final class MetricsTable {
    private static final String[] HEADER = {"NAMESPACE", "METRIC", "DIMENSIONS", "SUM", "AVG", "MIN", "MAX", "SAMPLES"};

    private MetricsTable() {}

    public static String render(List<SeriesData> series) {
        if (series.isEmpty()) {
            return "no datapoints in this window\n";
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        for (SeriesData d : series) {
            Statistics s = d.total();
            rows.add(new String[] {d.key().namespace(), d.key().name(), d.key().dimensions().toString(),
                    number(s.sum()), number(s.average()), number(s.minimum()), number(s.maximum()),
                    Long.toString(s.sampleCount())});
        }
        int[] width = new int[HEADER.length];
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                boolean numeric = i >= 3;
                String cell = numeric ? " ".repeat(width[i] - r[i].length()) + r[i]
                        : r[i] + " ".repeat(width[i] - r[i].length());
                out.append(cell).append(i + 1 < r.length ? "  " : "");
            }
            out.append('\n');
        }
        return out.toString();
    }

    static String number(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return "-";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
