package dev.mooring.bench;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * CreateService and DescribeServices latency against a running Mooring, one client, one request at a time, as the
 * AWS CLI would send them. After a warm-up in a cluster of its own, it grows a cluster to {@code services} services and
 * compares the first hundred CreateService calls (an almost empty control plane) with the last hundred (a full one),
 * and DescribeServices while only the first hundred exist with DescribeServices once all of them do.
 *
 * <p>Usage: {@code ApiLatency <endpoint-url> [services] [describes]}
 */
public final class ApiLatency {
    private final EcsClient ecs;

    private ApiLatency(URI endpoint) {
        this.ecs = new EcsClient(endpoint);
    }

    public static void main(String[] args) throws Exception {
        URI url = URI.create(args[0]);
        int services = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        int describes = args.length > 2 ? Integer.parseInt(args[2]) : 2000;
        new ApiLatency(url).run(services, describes);
    }

    private void run(int services, int describes) throws Exception {
        ecs.call("CreateCluster", Map.of("clusterName", "bench"));
        ecs.call("RegisterTaskDefinition", Map.of("family", "bench", "networkMode", "awsvpc", "cpu", "256",
                "memory", "512", "containerDefinitions", List.of(Map.of("name", "app", "image", "mooring/exec",
                        "command", List.of("sleep", "3600"),
                        "portMappings", List.of(Map.of("name", "app", "containerPort", 8080))))));
        int window = Math.min(100, services / 2);
        warmUp(window, describes / 2);
        Random random = new Random(7);
        Histogram createFirst = histogram();
        Histogram createLast = histogram();
        Histogram describeSmall = histogram();
        Histogram describeFull = histogram();
        for (int i = 0; i < services; i++) {
            long took = timed("CreateService", Map.of("cluster", "bench", "serviceName", "svc-" + i,
                    "taskDefinition", "bench", "desiredCount", 1));
            if (i < window) {
                createFirst.recordValue(took);
            } else if (i >= services - window) {
                createLast.recordValue(took);
            }
            if (i == window - 1) {
                // the small control plane: only the first window of services exists yet
                for (int d = 0; d < describes; d++) {
                    describeSmall.recordValue(timed("DescribeServices", Map.of("cluster", "bench",
                            "services", List.of("svc-" + random.nextInt(window)))));
                }
            }
        }
        for (int d = 0; d < describes; d++) {
            describeFull.recordValue(timed("DescribeServices", Map.of("cluster", "bench",
                    "services", List.of("svc-" + random.nextInt(services)))));
        }
        System.out.printf("%-18s %-28s %6s %9s %9s %9s%n", "operation", "control plane", "calls", "p50 ms", "p99 ms",
                "max ms");
        row("CreateService", "first " + window + " services", createFirst);
        row("CreateService", "services " + (services - window + 1) + "-" + services, createLast);
        row("DescribeServices", window + " services exist", describeSmall);
        row("DescribeServices", services + " services exist", describeFull);
    }

    /** Both operations' code paths compiled before anything is measured, in a cluster the table does not count. */
    private void warmUp(int services, int describes) throws Exception {
        ecs.call("CreateCluster", Map.of("clusterName", "warm-up"));
        for (int i = 0; i < services; i++) {
            ecs.call("CreateService", Map.of("cluster", "warm-up", "serviceName", "warm-" + i,
                    "taskDefinition", "bench", "desiredCount", 0));
        }
        for (int i = 0; i < describes; i++) {
            ecs.call("DescribeServices", Map.of("cluster", "warm-up", "services", List.of("warm-" + (i % services))));
        }
    }

    private static Histogram histogram() {
        return new Histogram(TimeUnit.SECONDS.toNanos(30), 3);
    }

    private static void row(String op, String scope, Histogram h) {
        System.out.printf("%-18s %-28s %6d %9.3f %9.3f %9.3f%n", op, scope, h.getTotalCount(),
                h.getValueAtPercentile(50) / 1e6, h.getValueAtPercentile(99) / 1e6, h.getMaxValue() / 1e6);
    }

    private long timed(String op, Map<String, ?> body) throws Exception {
        long start = System.nanoTime();
        ecs.call(op, body);
        return System.nanoTime() - start;
    }
}
