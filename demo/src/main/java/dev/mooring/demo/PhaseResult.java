package dev.mooring.demo;

import dev.mooring.loadgen.ErrorKind;
import dev.mooring.loadgen.TrafficReport;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One measured phase: the load test's report, the chaos kills in it, and the CloudWatch-style sums over its window
 * (null where {@link DemoMetrics} cannot say).
 *
 * @param internalLbRequests the internal load balancer's RequestCount
 * @param elb5xx             HTTPCode_ELB_5XX_Count of both load balancers
 * @param serviceConnectRequests the Service Connect RequestCount of yelb-appserver
 * @param scNamespaceServices the Cloud Map services in yelb.sc.internal at the phase's end
 * @param serviceEvents  the ECS service events of yelb-appserver and yelb-ui during the phase (tasks ECS stopped
 *                       for failed health checks show here), oldest first
 */
public record PhaseResult(String name, Instant start, Instant end, TrafficReport traffic, List<Kill> kills,
                          Long internalLbRequests, Long elb5xx, Long serviceConnectRequests,
                          List<String> scNamespaceServices, List<String> serviceEvents) {
    public PhaseResult {
        kills = List.copyOf(kills);
        scNamespaceServices = List.copyOf(scNamespaceServices);
        serviceEvents = List.copyOf(serviceEvents);
    }

    /** Tasks ECS itself stopped in the phase because they failed their target group's health checks. */
    public long tasksFailingHealthChecks() {
        return serviceEvents.stream().filter(e -> e.contains("is unhealthy in (target-group")).count();
    }

    /** One chaos kill: when (seconds into the phase), which task, what was done. */
    public record Kill(double atSeconds, String taskId, String what) {}

    /** Requests that failed the user: no HTTP answer, or an answer that is not 2xx. */
    public long failed() {
        return traffic.errors() + nonSuccess();
    }

    /** Answers outside 200-299. */
    public long nonSuccess() {
        return traffic.statusCodes().entrySet().stream().filter(e -> e.getKey() < 200 || e.getKey() > 299)
                .mapToLong(Map.Entry::getValue).sum();
    }

    /** The failures by kind: status codes ("502") and connection errors ("connection reset by peer"), sorted. */
    public Map<String, Long> failuresByKind() {
        Map<String, Long> byKind = new TreeMap<>();
        traffic.statusCodes().forEach((code, n) -> {
            if (code < 200 || code > 299) {
                byKind.put(Integer.toString(code), n);
            }
        });
        traffic.errorKinds().forEach((kind, n) -> byKind.put(describe(kind), n));
        return byKind;
    }

    public double percentileMillis(double percentile) {
        return traffic.percentiles().stream().filter(p -> p.percentile() == percentile).findFirst()
                .map(TrafficReport.Percentile::millis).orElse(0.0);
    }

    private static String describe(ErrorKind kind) {
        return kind.description();
    }
}
