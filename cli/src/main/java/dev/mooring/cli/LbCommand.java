package dev.mooring.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mooring.elb.dataplane.AlbMetrics;
import dev.mooring.server.MetricsEndpoint;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code mooring lb}: the load balancers of a running server, their listeners, target groups and targets' health. */
@Command(name = "lb", mixinStandardHelpOptions = true,
        description = "List load balancers with their listeners, target groups, each target's health and the"
                + " last minutes' request and 5XX counts.")
final class LbCommand implements Callable<Integer> {
    /** How far back the per-load-balancer figures go. */
    static final int RECENT_MINUTES = 5;

    @Mixin
    ServerEndpoint server;

    @Option(names = "--json", description = "Print the report as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        URI endpoint = server.uri();
        if (endpoint == null) {
            return 2;
        }
        String body = ServerEndpoint.admin(endpoint, "/_mooring/lb");
        if (body == null) {
            return 1;
        }
        if (json) {
            System.out.println(body);
            return 0;
        }
        Map<String, Map<String, Double>> recent = recentMetrics(endpoint);
        JsonNode report = new ObjectMapper().readTree(body);
        if (report.path("loadBalancers").isEmpty() && report.path("unusedTargetGroups").isEmpty()) {
            System.out.println("no load balancers");
            return 0;
        }
        for (JsonNode lb : report.path("loadBalancers")) {
            System.out.printf("%s (%s, %s)%n  %s -> %s%n  %s%n", lb.path("name").asText(),
                    lb.path("scheme").asText(), lb.path("state").asText(), lb.path("dnsName").asText(),
                    lb.path("address").asText("no address (simulated runtime)"), lb.path("arn").asText());
            for (JsonNode l : lb.path("listeners")) {
                System.out.printf("  listener %s:%d%s -> %s%n", l.path("protocol").asText(), l.path("port").asInt(),
                        l.hasNonNull("loopback") ? " (host: " + l.path("loopback").asText() + ")" : "",
                        l.path("defaultAction").asText());
                l.path("rules").forEach(r -> System.out.printf("    rule %s%n", r.asText()));
            }
            Map<String, Double> m = recent.getOrDefault(AlbMetrics.loadBalancerDimension(lb.path("arn").asText()),
                    Map.of());
            System.out.printf("  last %d min: %.0f requests, %.0f target 5XX, %.0f ELB 5XX (502: %.0f, 503: %.0f,"
                    + " 504: %.0f)%n", RECENT_MINUTES, m.getOrDefault(AlbMetrics.REQUEST_COUNT, 0.0),
                    m.getOrDefault(AlbMetrics.targetCodeMetric(5), 0.0),
                    m.getOrDefault(AlbMetrics.HTTP_CODE_ELB_5XX_COUNT, 0.0),
                    m.getOrDefault(AlbMetrics.HTTP_CODE_ELB_502_COUNT, 0.0),
                    m.getOrDefault(AlbMetrics.HTTP_CODE_ELB_503_COUNT, 0.0),
                    m.getOrDefault(AlbMetrics.HTTP_CODE_ELB_504_COUNT, 0.0));
            lb.path("targetGroups").forEach(LbCommand::printGroup);
            System.out.println();
        }
        if (!report.path("unusedTargetGroups").isEmpty()) {
            System.out.println("target groups no listener uses:");
            report.path("unusedTargetGroups").forEach(LbCommand::printGroup);
        }
        return 0;
    }

    /** LoadBalancer dimension → metric → Sum over the last minutes, from the series with that dimension alone. */
    private static Map<String, Map<String, Double>> recentMetrics(URI endpoint) throws Exception {
        String body = ServerEndpoint.admin(endpoint, "/_mooring/metrics?format=json&namespace=AWS/ApplicationELB&since="
                + RECENT_MINUTES + "m");
        Map<String, Map<String, Double>> out = new HashMap<>();
        if (body == null) {
            return out;
        }
        MetricsEndpoint.Report report = new ObjectMapper().readValue(body, MetricsEndpoint.Report.class);
        for (MetricsEndpoint.Series s : report.series()) {
            String lb = s.dimensions().get(AlbMetrics.LOAD_BALANCER);
            if (lb != null && s.dimensions().size() == 1) {
                out.computeIfAbsent(lb, k -> new HashMap<>()).put(s.metric(), s.total().sum());
            }
        }
        return out;
    }

    private static void printGroup(JsonNode g) {
        System.out.printf("  target group %s (port %d; health check %s)%n", g.path("name").asText(),
                g.path("port").asInt(), g.path("healthCheck").asText());
        if (g.path("targets").isEmpty()) {
            System.out.println("    no targets");
        }
        for (JsonNode t : g.path("targets")) {
            System.out.printf("    %-21s %-10s %s%n", t.path("id").asText() + ":" + t.path("port").asInt(),
                    t.path("state").asText(), t.path("reason").asText(""));
        }
    }
}
