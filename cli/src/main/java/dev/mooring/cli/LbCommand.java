package dev.mooring.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mooring lb}: the load balancers of a running server, their listeners, target groups and targets' health. */
@Command(name = "lb", mixinStandardHelpOptions = true,
        description = "List load balancers with their listeners, target groups and each target's health.")
final class LbCommand implements Callable<Integer> {
    @Option(names = "--endpoint-url", defaultValue = ServerEndpoint.DEFAULT,
            description = "The server to ask (default: $AWS_ENDPOINT_URL, else http://localhost:4566).")
    String endpointUrl;

    @Option(names = "--json", description = "Print the report as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        URI endpoint;
        try {
            endpoint = ServerEndpoint.parse(endpointUrl);
        } catch (IllegalArgumentException e) {
            System.err.println("mooring: " + e.getMessage());
            return 2;
        }
        HttpResponse<String> response;
        try {
            response = ServerEndpoint.get(endpoint, "/_mooring/lb");
        } catch (ConnectException e) {
            System.err.println("mooring: no server answers at " + endpoint + " (start one with ./mooring server)");
            return 1;
        }
        if (response.statusCode() != 200) {
            System.err.println("mooring: " + endpoint + " answered " + response.statusCode() + ": " + response.body());
            return 1;
        }
        if (json) {
            System.out.println(response.body());
            return 0;
        }
        JsonNode report = new ObjectMapper().readTree(response.body());
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
            lb.path("targetGroups").forEach(LbCommand::printGroup);
            System.out.println();
        }
        if (!report.path("unusedTargetGroups").isEmpty()) {
            System.out.println("target groups no listener uses:");
            report.path("unusedTargetGroups").forEach(LbCommand::printGroup);
        }
        return 0;
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
