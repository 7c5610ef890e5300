package dev.mooring.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class PrometheusTextTest {
    // text format 0.0.4: metric name, optional {label="escaped value",...}, a space, a float
    private static final Pattern SAMPLE = Pattern.compile(
            "[a-zA-Z_:][a-zA-Z0-9_:]*(\\{[a-zA-Z_][a-zA-Z0-9_]*=\"(\\\\[\\\\\"n]|[^\\\\\"\\n])*\""
                    + "(,[a-zA-Z_][a-zA-Z0-9_]*=\"(\\\\[\\\\\"n]|[^\\\\\"\\n])*\")*})? "
                    + "(NaN|[+-]Inf|-?[0-9]+(\\.[0-9]+)?([eE][+-]?[0-9]+)?)");
    private static final Pattern TYPE = Pattern.compile("# TYPE [a-zA-Z_:][a-zA-Z0-9_:]* (counter|gauge|summary)");
    private static final Pattern HELP = Pattern.compile("# HELP [a-zA-Z_:][a-zA-Z0-9_:]* .*");

    private final TestClock clock = new TestClock(Instant.parse("2026-12-03T10:00:00Z"));
    private final MetricRegistry registry = new MetricRegistry(clock, MetricRegistry.DEFAULT_RETENTION);

    @Test
    void everyLineIsWellFormedAndValuesAreCumulative() {
        Dimensions awkward = Dimensions.of("DiscoveryName", "a\"b\\c\nd", "ClusterName", "yelb");
        registry.counter("AWS/ECS", "HTTPCode_Target_2XX_Count", StandardUnit.COUNT, awkward).add(3);
        registry.counter("AWS/ECS", "HTTPCode_Target_2XX_Count", StandardUnit.COUNT, Dimensions.none()).add(1);
        Distribution rt = registry.distribution("AWS/ECS", "TargetResponseTime", StandardUnit.MILLISECONDS,
                Dimensions.of("TargetDiscoveryName", "app"));
        rt.record(1.25);
        rt.record(2);
        Gauge g = registry.gauge("AWS/ECS", "ActiveConnectionCount", StandardUnit.COUNT,
                Dimensions.of("DiscoveryName", "db"));
        g.increment();
        g.increment();

        String text = registry.prometheusText();
        List<String> lines = text.lines().toList();
        assertThat(text).endsWith("\n");
        for (String line : lines) {
            assertThat(SAMPLE.matcher(line).matches() || TYPE.matcher(line).matches() || HELP.matcher(line).matches())
                    .as(line).isTrue();
        }
        assertThat(lines).contains(
                "# TYPE aws_ecs_http_code_target_2xx_count_total counter",
                "aws_ecs_http_code_target_2xx_count_total 1",
                "aws_ecs_http_code_target_2xx_count_total{discovery_name=\"a\\\"b\\\\c\\nd\",cluster_name=\"yelb\"} 3",
                "# TYPE aws_ecs_target_response_time summary",
                "aws_ecs_target_response_time_sum{target_discovery_name=\"app\"} 3.25",
                "aws_ecs_target_response_time_count{target_discovery_name=\"app\"} 2",
                "# TYPE aws_ecs_active_connection_count gauge",
                "aws_ecs_active_connection_count{discovery_name=\"db\"} 2");
        // one TYPE line per family, before its samples
        assertThat(lines.stream().filter(l -> l.startsWith("# TYPE aws_ecs_http_code_target_2xx_count_total"))).hasSize(1);
        assertThat(lines.indexOf("# TYPE aws_ecs_target_response_time summary"))
                .isLessThan(lines.indexOf("aws_ecs_target_response_time_sum{target_discovery_name=\"app\"} 3.25"));

        // a minute later the per-minute view starts again; Prometheus's does not
        clock.advance(java.time.Duration.ofMinutes(5));
        assertThat(registry.prometheusText()).contains("aws_ecs_http_code_target_2xx_count_total 1\n");
    }

    @Test
    void cloudWatchNamesBecomeSnakeCase() {
        assertThat(PrometheusText.snake("AWS/ECS")).isEqualTo("aws_ecs");
        assertThat(PrometheusText.snake("AWS/ApplicationELB")).isEqualTo("aws_application_elb");
        assertThat(PrometheusText.snake("HTTPCode_Target_5XX_Count")).isEqualTo("http_code_target_5xx_count");
        assertThat(PrometheusText.snake("RequestCountPerTarget")).isEqualTo("request_count_per_target");
        assertThat(PrometheusText.snake("TargetDiscoveryName")).isEqualTo("target_discovery_name");
        assertThat(PrometheusText.snake("2fast")).isEqualTo("_2fast");
    }
}
