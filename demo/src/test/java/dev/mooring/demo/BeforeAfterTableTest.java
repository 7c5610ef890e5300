package dev.mooring.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mooring.loadgen.ErrorKind;
import dev.mooring.loadgen.SecondStats;
import dev.mooring.loadgen.TrafficReport;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BeforeAfterTableTest {
    static TrafficReport traffic(Map<Integer, Long> codes, Map<ErrorKind, Long> errors, double p50, double p99,
                                 double max, List<SecondStats> seconds) {
        long responses = codes.values().stream().mapToLong(Long::longValue).sum();
        long failed = errors.values().stream().mapToLong(Long::longValue).sum();
        return new TrafficReport("http://127.0.0.1:18000//api/getvotes", 100, 0, 20, responses + failed, responses,
                failed, max, 1, p50, (responses + failed) / 20.0, 0, codes, errors, List.of(),
                List.of(new TrafficReport.Percentile(50, p50), new TrafficReport.Percentile(99, p99)), seconds);
    }

    static PhaseResult phase(String name, TrafficReport traffic, int kills, Long internal, List<String> services) {
        List<PhaseResult.Kill> k = java.util.stream.IntStream.range(0, kills)
                .mapToObj(i -> new PhaseResult.Kill(5.0 * (i + 1), "task" + i, "SIGKILL to 3 processes")).toList();
        return new PhaseResult(name, Instant.EPOCH, Instant.EPOCH.plusSeconds(20), traffic, k, internal, null, null,
                services, List.of("+3s (service yelb-appserver) (task 1) (port 4567) is unhealthy in (target-group"
                        + " arn) due to (reason Request timed out).", "+4s (service yelb-appserver) has started 1 tasks"));
    }

    @Test
    void failuresCountNon2xxAnswersAndUnansweredRequestsByKind() {
        PhaseResult before = phase("before", traffic(Map.of(200, 900L, 502, 40L, 504, 2L),
                Map.of(ErrorKind.CONNECTION_RESET, 3L), 20, 900, 1500, List.of()), 4, 870L, List.of());
        assertThat(before.traffic().requests()).isEqualTo(945);
        assertThat(before.nonSuccess()).isEqualTo(42);
        assertThat(before.failed()).isEqualTo(45);
        assertThat(before.failuresByKind()).containsExactly(Map.entry("502", 40L), Map.entry("504", 2L),
                Map.entry("connection reset by peer", 3L));
        assertThat(before.percentileMillis(99)).isEqualTo(900);
        assertThat(before.percentileMillis(75)).isZero();
    }

    @Test
    void theTableShowsBothPhasesSideBySideAndNaForUnknownFigures() {
        PhaseResult before = phase("before", traffic(Map.of(200, 900L, 502, 40L), Map.of(), 20.25, 900, 1500,
                List.of()), 4, 870L, List.of());
        PhaseResult after = phase("after", traffic(Map.of(200, 1000L), Map.of(), 18, 95.5, 120, List.of()), 4, 0L,
                List.of("yelb-appserver", "yelb-db", "yelb-redis"));
        Map<String, BeforeAfterTable.Row> rows = new java.util.LinkedHashMap<>();
        BeforeAfterTable.rows(before, after).forEach(r -> rows.put(r.figure().strip(), r));
        assertThat(rows.get("requests")).isEqualTo(new BeforeAfterTable.Row("requests", "940", "1000"));
        assertThat(rows.get("failed requests (no answer or non-2xx)").before()).isEqualTo("40");
        assertThat(rows.get("failed requests (no answer or non-2xx)").after()).isEqualTo("0");
        assertThat(rows.get("by kind").before()).isEqualTo("502: 40");
        assertThat(rows.get("by kind").after()).isEqualTo("-");
        assertThat(rows.get("latency p50").before()).isEqualTo("20.3 ms");
        assertThat(rows.get("latency p99").before()).isEqualTo("900 ms");
        assertThat(rows.get("latency p99").after()).isEqualTo("95.5 ms");
        assertThat(rows.get("latency max").before()).isEqualTo("1500 ms");
        assertThat(rows.get("internal LB RequestCount")).isEqualTo(
                new BeforeAfterTable.Row("internal LB RequestCount", "870", "0"));
        assertThat(rows.get("ELB 5XX count (both LBs)").after()).isEqualTo("n/a");
        assertThat(rows.get("Cloud Map services in yelb.sc.internal").before()).isEqualTo("none");
        assertThat(rows.get("Cloud Map services in yelb.sc.internal").after())
                .isEqualTo("yelb-appserver, yelb-db, yelb-redis");
        assertThat(rows.get("appserver tasks killed").after()).isEqualTo("4");
        assertThat(rows.get("tasks ECS replaced (failed health checks)").after()).isEqualTo("1");
        String text = BeforeAfterTable.render(before, after);
        assertThat(text.lines().findFirst().orElseThrow()).matches("\\s+before\\s+after");
        assertThat(text).containsPattern("\ninternal LB RequestCount +870 +0\n");
    }

    @Test
    void theReportIsOnePageWithTheTableAndAChartPerFigureAndPhaseWithKillsMarked() {
        List<SecondStats> seconds = List.of(new SecondStats(0, 50, 0, 0, 10, 20),
                new SecondStats(1, 40, 2, 5, 12, 400));
        PhaseResult before = phase("before", traffic(Map.of(200, 83L, 502, 5L), Map.of(ErrorKind.TIMEOUT, 2L), 10,
                400, 500, seconds), 2, 12L, List.of());
        PhaseResult after = phase("after", traffic(Map.of(200, 90L), Map.of(), 10, 30, 40, seconds.subList(0, 1)),
                1, 0L, List.of("yelb-appserver"));
        String html = HtmlReport.render(new DemoResult(42.5, "http://127.0.0.1:18000/", before, after, "interim"));
        assertThat(html).startsWith("<!DOCTYPE html>").doesNotContain("<script", "http-equiv", "src=\"http");
        assertThat(html).contains("<tr data-figure=\"internal LB RequestCount\"><td>internal LB RequestCount</td>"
                + "<td>12</td><td>0</td></tr>");
        for (String chart : List.of("requests", "failures", "p99")) {
            assertThat(html).contains("data-chart=\"" + chart + "\" data-phase=\"before\"",
                    "data-chart=\"" + chart + "\" data-phase=\"after\"");
        }
        // two kills before and one after, drawn on each of the three charts
        assertThat(html.split("class=\"kill\"", -1)).hasSize(3 * 3 + 1);
        assertThat(html).contains("7 of 90 requests failed while 2 appserver tasks were killed");
    }
}
