package dev.mooring.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mooring.metrics.MetricsTable;
import dev.mooring.server.MetricsEndpoint;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code mooring metrics}: the data plane's CloudWatch-style series of a running server, one row per series with its
 * statistics over the window (what {@code GET /_mooring/metrics?format=json} answers).
 */
@Command(name = "metrics", mixinStandardHelpOptions = true,
        description = "Print the Service Connect (AWS/ECS) and load balancer (AWS/ApplicationELB) metrics of the"
                + " last minutes as a table.")
final class MetricsCommand implements Callable<Integer> {
    @Mixin
    ServerEndpoint server;

    @Option(names = "--namespace", description = "Only this namespace: AWS/ECS or AWS/ApplicationELB.")
    String namespace;

    @Option(names = "--metric", description = "Only this metric, e.g. RequestCount.")
    String metric;

    @Option(names = "--service", description = "Only series with this ServiceName dimension (an ECS service).")
    String service;

    @Option(names = "--dimension", paramLabel = "NAME=VALUE",
            description = "Only series with this dimension (repeatable), e.g. DiscoveryName=web.")
    Map<String, String> dimensions = new LinkedHashMap<>();

    @Option(names = "--since", defaultValue = "15m",
            description = "The window: 15m, 1h, 1h30m (at most the 3 h kept; default: ${DEFAULT-VALUE}).")
    String since;

    @Option(names = "--json", description = "Print the per-minute datapoints as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        URI endpoint = server.uri();
        if (endpoint == null) {
            return 2;
        }
        Map<String, String> query = new LinkedHashMap<>();
        query.put("format", "json");
        query.put("since", since);
        if (namespace != null) {
            query.put("namespace", namespace);
        }
        if (metric != null) {
            query.put("metric", metric);
        }
        if (service != null) {
            query.put("dim.ServiceName", service);
        }
        dimensions.forEach((k, v) -> query.put("dim." + k, v));
        String body = ServerEndpoint.admin(endpoint, "/_mooring/metrics?" + encode(query));
        if (body == null) {
            return 1;
        }
        if (json) {
            System.out.println(body);
            return 0;
        }
        MetricsEndpoint.Report report = new ObjectMapper().readValue(body, MetricsEndpoint.Report.class);
        System.out.print(MetricsTable.render(report.series().stream().map(MetricsEndpoint.Series::toSeriesData)
                .toList()));
        return 0;
    }

    static String encode(Map<String, String> query) {
        StringBuilder s = new StringBuilder();
        query.forEach((k, v) -> s.append(s.isEmpty() ? "" : "&").append(URLEncoder.encode(k, StandardCharsets.UTF_8))
                .append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return s.toString();
    }
}
