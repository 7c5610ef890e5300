package dev.mooring.demo;

import dev.mooring.loadgen.SecondStats;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The demo's report as one self-contained HTML page: the before/after table and, per phase, charts over time of
 * requests/s, failed requests/s and p99 latency, with each chaos kill marked. Inline SVG and CSS only, no script
 * and nothing fetched, so it opens anywhere, offline. Elements carry data attributes for tests.
 */
public final class HtmlReport {
    private static final int WIDTH = 520;
    private static final int HEIGHT = 140;
    private static final int PAD = 34;

    private HtmlReport() {}

    public static String render(DemoResult result) {
        PhaseResult before = result.before();
        PhaseResult after = result.after();
        StringBuilder html = new StringBuilder("""
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><title>Mooring demo: YELB before and after Service Connect</title>
                <style>
                body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#222}
                table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:4px 10px;text-align:left}
                th{background:#f3f3f3}.charts{display:grid;grid-template-columns:repeat(2,auto);gap:1em;justify-content:start}
                svg{background:#fafafa;border:1px solid #ddd}.kill{stroke:#c00;stroke-dasharray:3 3}
                .note{color:#666;font-size:12px}
                </style></head><body>
                <h1>YELB: DNS discovery and an internal load balancer, then Service Connect</h1>
                """);
        html.append("<p>").append(esc(result.summary())).append("</p>\n");
        html.append("<table id=\"before-after\"><tr><th>figure</th><th>before</th><th>after</th></tr>\n");
        for (BeforeAfterTable.Row row : BeforeAfterTable.rows(before, after)) {
            html.append("<tr data-figure=\"").append(esc(row.figure().strip())).append("\"><td>")
                    .append(esc(row.figure())).append("</td><td>").append(esc(row.before())).append("</td><td>")
                    .append(esc(row.after())).append("</td></tr>\n");
        }
        html.append("</table>\n<p class=\"note\">").append(esc(result.metricsSource())).append("</p>\n");
        html.append("<div class=\"charts\">\n");
        for (Chart chart : List.of(
                new Chart("requests/s", "requests", s -> s.requests()),
                new Chart("failed requests/s (no answer or 5xx)", "failures", s -> s.errors() + s.status5xx()),
                new Chart("p99 latency (ms)", "p99", SecondStats::p99Millis))) {
            double max = Math.max(1, Math.max(maxOf(before, chart.value), maxOf(after, chart.value)));
            for (PhaseResult phase : List.of(before, after)) {
                html.append(svg(phase, chart, max));
            }
        }
        html.append("</div>\n<p class=\"note\">Dashed red lines: an appserver task killed (SIGKILL) by the chaos"
                + " loop. Same scale for both phases of a chart.</p>\n</body></html>\n");
        return html.toString();
    }

    private record Chart(String title, String id, ToDoubleFunction<SecondStats> value) {}

    private static double maxOf(PhaseResult phase, ToDoubleFunction<SecondStats> value) {
        return phase.traffic().seconds().stream().mapToDouble(value).max().orElse(0);
    }

    private static String svg(PhaseResult phase, Chart chart, double max) {
        List<SecondStats> seconds = phase.traffic().seconds();
        double span = Math.max(1, Math.max(seconds.size(), phase.traffic().totalSeconds()));
        double plotW = WIDTH - 2 * PAD;
        double plotH = HEIGHT - 2 * PAD;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format("<svg class=\"chart\" data-chart=\"%s\" data-phase=\"%s\" width=\"%d\" height=\"%d\""
                + " viewBox=\"0 0 %d %d\" xmlns=\"http://www.w3.org/2000/svg\">", chart.id, esc(phase.name()),
                WIDTH, HEIGHT, WIDTH, HEIGHT));
        svg.append(String.format("<text x=\"%d\" y=\"16\" font-size=\"13\">%s: %s</text>", PAD, esc(phase.name()),
                esc(chart.title)));
        svg.append(String.format("<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#999\"/>", PAD,
                HEIGHT - PAD, WIDTH - PAD, HEIGHT - PAD));
        svg.append(String.format("<text x=\"2\" y=\"%d\" font-size=\"10\">%s</text>", PAD + 4, label(max)));
        svg.append(String.format("<text x=\"%d\" y=\"%d\" font-size=\"10\">%.0f s</text>", WIDTH - PAD - 10,
                HEIGHT - PAD + 14, span));
        for (PhaseResult.Kill kill : phase.kills()) {
            double x = PAD + plotW * kill.atSeconds() / span;
            svg.append(String.format("<line class=\"kill\" data-task=\"%s\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\""
                    + " y2=\"%d\"/>", esc(kill.taskId()), x, PAD, x, HEIGHT - PAD));
        }
        StringBuilder points = new StringBuilder();
        for (int i = 0; i < seconds.size(); i++) {
            double x = PAD + plotW * (i + 0.5) / span;
            double y = HEIGHT - PAD - plotH * chart.value.applyAsDouble(seconds.get(i)) / max;
            points.append(String.format("%.1f,%.1f ", x, y));
        }
        svg.append("<polyline fill=\"none\" stroke=\"#1f6fb2\" stroke-width=\"1.5\" points=\"")
                .append(points.toString().strip()).append("\"/></svg>\n");
        return svg.toString();
    }

    private static String label(double max) {
        return max >= 100 ? String.format("%.0f", max) : String.format("%.1f", max);
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
