package dev.mooring.elb.dataplane;

import dev.mooring.metrics.Counter;
import dev.mooring.metrics.Dimensions;
import dev.mooring.metrics.Distribution;
import dev.mooring.metrics.Gauge;
import dev.mooring.metrics.MetricRegistry;
import dev.mooring.metrics.StandardUnit;
import dev.mooring.proxy.Exchange;
import dev.mooring.proxy.ListenerConfig;
import dev.mooring.proxy.ProxyObserver;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The load balancers' CloudWatch metrics, namespace {@code AWS/ApplicationELB}, counted from their listeners (each
 * load balancer is one proxy named by its ARN, each listener routes to a target group's cluster named by its ARN).
 * Dimensions as CloudWatch writes them: {@code LoadBalancer=app/<name>/<id>}, and for the per-group figures
 * {@code TargetGroup=targetgroup/<name>/<id>, LoadBalancer=…}.
 *
 * <ul>
 * <li>RequestCount: requests for which a target was chosen (a 503 for an empty group is not one, as on ALB);
 * LoadBalancer and TargetGroup+LoadBalancer.</li>
 * <li>HTTPCode_ELB_5XX_Count and HTTPCode_ELB_502/503/504_Count: answers the load balancer made itself;
 * LoadBalancer.</li>
 * <li>HTTPCode_Target_2XX..5XX_Count and TargetResponseTime (seconds, as ALB): answers that came from a target;
 * LoadBalancer and TargetGroup+LoadBalancer.</li>
 * <li>ActiveConnectionCount (gauge), NewConnectionCount: client connections; LoadBalancer.</li>
 * <li>HealthyHostCount, UnHealthyHostCount (gauges, set on every reconcile pass): TargetGroup+LoadBalancer.</li>
 * </ul>
 */
public final class AlbMetrics implements ProxyObserver {
    public static final String NAMESPACE = "AWS/ApplicationELB";

    public static final String REQUEST_COUNT = "RequestCount";
    public static final String HTTP_CODE_ELB_5XX_COUNT = "HTTPCode_ELB_5XX_Count";
    public static final String HTTP_CODE_ELB_502_COUNT = "HTTPCode_ELB_502_Count";
    public static final String HTTP_CODE_ELB_503_COUNT = "HTTPCode_ELB_503_Count";
    public static final String HTTP_CODE_ELB_504_COUNT = "HTTPCode_ELB_504_Count";
    public static final String TARGET_RESPONSE_TIME = "TargetResponseTime";
    public static final String HEALTHY_HOST_COUNT = "HealthyHostCount";
    public static final String UNHEALTHY_HOST_COUNT = "UnHealthyHostCount";
    public static final String ACTIVE_CONNECTION_COUNT = "ActiveConnectionCount";
    public static final String NEW_CONNECTION_COUNT = "NewConnectionCount";

    public static final String LOAD_BALANCER = "LoadBalancer";
    public static final String TARGET_GROUP = "TargetGroup";

    private final MetricRegistry registry;
    private final Map<String, LoadBalancerMetrics> loadBalancers = new ConcurrentHashMap<>();

    public AlbMetrics(MetricRegistry registry) {
        this.registry = registry;
    }

    public MetricRegistry registry() {
        return registry;
    }

    /** {@code HTTPCode_Target_2XX_Count} for 2, and so on. */
    public static String targetCodeMetric(int statusClass) {
        return "HTTPCode_Target_" + statusClass + "XX_Count";
    }

    /** The LoadBalancer dimension's value: {@code app/<name>/<id>}, the ARN's resource after "loadbalancer/". */
    public static String loadBalancerDimension(String loadBalancerArn) {
        int i = loadBalancerArn.indexOf(":loadbalancer/");
        return i < 0 ? loadBalancerArn : loadBalancerArn.substring(i + ":loadbalancer/".length());
    }

    /** The TargetGroup dimension's value: {@code targetgroup/<name>/<id>}, the ARN's resource. */
    public static String targetGroupDimension(String targetGroupArn) {
        return targetGroupArn.substring(targetGroupArn.lastIndexOf(':') + 1);
    }

    private LoadBalancerMetrics lb(String arn) {
        LoadBalancerMetrics m = loadBalancers.get(arn);
        return m != null ? m : loadBalancers.computeIfAbsent(arn, LoadBalancerMetrics::new);
    }

    /** The group's targets by health, as of this reconcile pass. */
    public void hosts(String loadBalancerArn, String targetGroupArn, int healthy, int unhealthy) {
        TargetGroupMetrics g = lb(loadBalancerArn).group(targetGroupArn);
        g.healthy.set(healthy);
        g.unhealthy.set(unhealthy);
    }

    @Override
    public void connectionOpened(String proxy, ListenerConfig listener) {
        LoadBalancerMetrics m = lb(proxy);
        m.newConnections.increment();
        m.active.increment();
    }

    @Override
    public void connectionClosed(String proxy, ListenerConfig listener) {
        lb(proxy).active.decrement();
    }

    @Override
    public void exchange(String proxy, ListenerConfig listener, Exchange x) {
        LoadBalancerMetrics m = lb(proxy);
        // the target group the request's route forwarded to; none for a fixed response, a redirect or no route
        TargetGroupMetrics g = x.cluster() == null ? null : m.group(x.cluster());
        if (x.endpoint() != null) {
            m.requests.increment();
            g.requests.increment();
        }
        // upstreamNanos > 0: a target's response head came back; otherwise the answer is the load balancer's own
        if (x.upstreamNanos() > 0) {
            int cls = x.status() / 100;
            if (cls >= 2 && cls <= 5) {
                m.targetCodes[cls - 2].increment();
                if (g != null) g.targetCodes[cls - 2].increment();
            }
            double seconds = x.upstreamNanos() / 1e9;
            m.responseTime.record(seconds);
            if (g != null) g.responseTime.record(seconds);
        } else if (x.status() >= 500 && x.status() <= 599) {
            m.elb5xx.increment();
            switch (x.status()) {
                case 502 -> m.elb502.increment();
                case 503 -> m.elb503.increment();
                case 504 -> m.elb504.increment();
                default -> { }
            }
        }
    }

    private Counter counter(String name, Dimensions d) {
        return registry.counter(NAMESPACE, name, StandardUnit.COUNT, d);
    }

    private Counter[] targetCodes(Dimensions d) {
        Counter[] c = new Counter[4];
        for (int i = 0; i < 4; i++) {
            c[i] = counter(targetCodeMetric(i + 2), d);
        }
        return c;
    }

    private final class LoadBalancerMetrics {
        final Dimensions dimensions;
        final Counter requests;
        final Counter elb5xx;
        final Counter elb502;
        final Counter elb503;
        final Counter elb504;
        final Counter[] targetCodes;
        final Distribution responseTime;
        final Gauge active;
        final Counter newConnections;
        final Map<String, TargetGroupMetrics> groups = new ConcurrentHashMap<>();

        LoadBalancerMetrics(String arn) {
            dimensions = Dimensions.of(LOAD_BALANCER, loadBalancerDimension(arn));
            requests = counter(REQUEST_COUNT, dimensions);
            elb5xx = counter(HTTP_CODE_ELB_5XX_COUNT, dimensions);
            elb502 = counter(HTTP_CODE_ELB_502_COUNT, dimensions);
            elb503 = counter(HTTP_CODE_ELB_503_COUNT, dimensions);
            elb504 = counter(HTTP_CODE_ELB_504_COUNT, dimensions);
            targetCodes = targetCodes(dimensions);
            responseTime = registry.distribution(NAMESPACE, TARGET_RESPONSE_TIME, StandardUnit.SECONDS, dimensions);
            active = registry.gauge(NAMESPACE, ACTIVE_CONNECTION_COUNT, StandardUnit.COUNT, dimensions);
            newConnections = counter(NEW_CONNECTION_COUNT, dimensions);
        }

        TargetGroupMetrics group(String arn) {
            TargetGroupMetrics g = groups.get(arn);
            return g != null ? g : groups.computeIfAbsent(arn, a -> new TargetGroupMetrics(
                    Dimensions.of(TARGET_GROUP, targetGroupDimension(a), LOAD_BALANCER, dimensions.get(LOAD_BALANCER))));
        }
    }

    private final class TargetGroupMetrics {
        final Counter requests;
        final Counter[] targetCodes;
        final Distribution responseTime;
        final Gauge healthy;
        final Gauge unhealthy;

        TargetGroupMetrics(Dimensions d) {
            requests = counter(REQUEST_COUNT, d);
            targetCodes = targetCodes(d);
            responseTime = registry.distribution(NAMESPACE, TARGET_RESPONSE_TIME, StandardUnit.SECONDS, d);
            healthy = registry.gauge(NAMESPACE, HEALTHY_HOST_COUNT, StandardUnit.COUNT, d);
            unhealthy = registry.gauge(NAMESPACE, UNHEALTHY_HOST_COUNT, StandardUnit.COUNT, d);
        }
    }
}
