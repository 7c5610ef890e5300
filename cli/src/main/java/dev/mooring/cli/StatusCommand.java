package dev.mooring.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code mooring status}: asks a running server where it answers and what it runs. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show the API URL, DNS server, bridge, task CIDR and running tasks of a running server.")
final class StatusCommand implements Callable<Integer> {
    @Mixin
    ServerEndpoint server;

    @Option(names = "--json", description = "Print the status as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        URI endpoint = server.uri();
        if (endpoint == null) {
            return 2;
        }
        String body = ServerEndpoint.admin(endpoint, "/_mooring/status");
        if (body == null) {
            return 1;
        }
        if (json) {
            System.out.println(body);
            return 0;
        }
        JsonNode s = new ObjectMapper().readTree(body);
        System.out.printf("API          %s%n", s.path("apiUrl").asText());
        System.out.printf("runtime      %s%n", s.path("runtime").asText());
        System.out.printf("state        %s%n", s.path("stateFile").asText());
        System.out.printf("DNS server   %s%n", s.path("dnsServer").asText("none (simulated runtime)"));
        System.out.printf("bridge       %s%n", s.path("bridge").asText("none"));
        System.out.printf("task CIDR    %s%n", s.path("taskCidr").asText("none"));
        JsonNode tasks = s.path("tasks");
        System.out.printf("tasks        %d not stopped%n", tasks.size());
        if (!tasks.isEmpty()) {
            System.out.printf("%n%-34s %-16s %-24s %-12s %-9s %s%n", "TASK", "CLUSTER", "GROUP", "STATUS", "HEALTH",
                    "ADDRESS");
            for (JsonNode t : tasks) {
                String arn = t.path("taskArn").asText();
                System.out.printf("%-34s %-16s %-24s %-12s %-9s %s%n", arn.substring(arn.lastIndexOf('/') + 1),
                        t.path("cluster").asText(), t.path("group").asText(""), t.path("lastStatus").asText(),
                        t.path("healthStatus").asText(""), t.path("privateIpv4Address").asText(""));
                t.path("limits").properties().forEach(l -> System.out.printf("    %s: %s%n", l.getKey(),
                        l.getValue().asText()));
                printServiceConnect(t.path("serviceConnect"));
            }
        }
        return 0;
    }

    /** A Service Connect task's aliases and VIPs, listeners, current hosts and warnings. */
    private static void printServiceConnect(JsonNode sc) {
        if (sc.isMissingNode() || sc.isNull()) {
            return;
        }
        System.out.printf("    service connect: namespace %s, proxy container %s%n", sc.path("namespace").asText(),
                sc.path("proxyContainer").asText());
        sc.path("aliases").properties().forEach(a -> System.out.printf("      alias    %-40s %s%n", a.getKey(),
                a.getValue().asText()));
        sc.path("listeners").forEach(l -> System.out.printf("      listener %s%n", l.asText()));
        sc.path("hosts").properties().forEach(h -> {
            java.util.List<String> hosts = new java.util.ArrayList<>();
            h.getValue().forEach(x -> hosts.add(x.asText()));
            System.out.printf("      hosts    %-40s %s%n", h.getKey(), hosts.isEmpty() ? "(none)"
                    : String.join(", ", hosts));
        });
        sc.path("warnings").forEach(w -> System.out.printf("      warning  %s%n", w.asText()));
    }
}
