package dev.mooring.connect.dataplane;

import dev.mooring.connect.plan.AppProtocol;
import dev.mooring.connect.plan.TaskPlan;
import dev.mooring.connect.plan.TaskPlan.EgressListener;
import dev.mooring.connect.plan.TaskPlan.IngressListener;
import dev.mooring.connect.plan.Timeouts;
import dev.mooring.connect.plan.TrafficPolicy;
import dev.mooring.proxy.AccessLog;
import dev.mooring.proxy.ClusterConfig;
import dev.mooring.proxy.Direction;
import dev.mooring.proxy.Endpoint;
import dev.mooring.proxy.HostSet;
import dev.mooring.proxy.ListenerConfig;
import dev.mooring.proxy.LoadBalancerPolicy;
import dev.mooring.proxy.NetworkScope;
import dev.mooring.proxy.OutlierDetection;
import dev.mooring.proxy.Protocol;
import dev.mooring.proxy.ProxyConfig;
import dev.mooring.proxy.RetryOn;
import dev.mooring.proxy.RetryBudget;
import dev.mooring.proxy.RetryPolicy;
import dev.mooring.proxy.TimeoutPolicy;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/** A task plan in the proxy's terms: Envoy-style listeners and clusters. */
public final class ProxyConfigs {
    /** Ingress forwards to the app on loopback, inside the task (spec §4.4). */
    static final String LOOPBACK = "127.0.0.1";

    private ProxyConfigs() {}

    /**
     * @param taskScope where the task's sockets live: every listener, the ingress clusters' connections to the app
     *                  on 127.0.0.1, and the egress clusters' connections to other tasks, which leave from the task's
     *                  own address as Envoy's do in awsvpc mode
     * @param accessLog where access-log lines go, or null for none
     */
    public static ProxyConfig of(TaskPlan plan, NetworkScope taskScope, Consumer<String> accessLog) {
        AccessLog log = plan.logging().accessLogFormat() == null || accessLog == null ? null
                : new AccessLog(plan.logging().accessLogFormat() == TaskPlan.ProxyLogging.AccessLogFormat.JSON
                ? AccessLog.Format.JSON : AccessLog.Format.TEXT, plan.logging().includeQueryParameters(), accessLog);
        List<ListenerConfig> listeners = new ArrayList<>();
        Map<String, ClusterConfig> clusters = new LinkedHashMap<>();
        for (IngressListener in : plan.ingress()) {
            Protocol p = protocol(in.protocol());
            listeners.add(new ListenerConfig(in.name(), Direction.INGRESS,
                    new InetSocketAddress("0.0.0.0", in.listenerPort()), p, in.localCluster(),
                    timeouts(in.timeouts()), log));
            // the app is one host on loopback: retrying or ejecting it would change nothing
            clusters.put(in.localCluster(), new ClusterConfig(in.localCluster(), p, LoadBalancerPolicy.ROUND_ROBIN,
                    RetryPolicy.NONE, NEVER_EJECT, null, taskScope));
        }
        for (EgressListener out : plan.egress()) {
            Protocol p = protocol(out.protocol());
            listeners.add(new ListenerConfig(out.name(), Direction.EGRESS,
                    new InetSocketAddress(out.vip(), out.listenerPort()), p, out.cluster(), timeouts(out.timeouts()),
                    log));
            clusters.putIfAbsent(out.cluster(), new ClusterConfig(out.cluster(), p,
                    out.policy().loadBalancing() == TrafficPolicy.LoadBalancing.LEAST_REQUEST
                            ? LoadBalancerPolicy.LEAST_REQUEST : LoadBalancerPolicy.ROUND_ROBIN,
                    retry(out.policy().retries()), outliers(out.policy().outlierDetection()), null,
                    taskScope));
        }
        return new ProxyConfig(plan.proxyContainerName() + "/" + plan.taskId(), listeners,
                List.copyOf(clusters.values()));
    }

    /** The host set of an ingress cluster: the app's port on the task's loopback. */
    public static List<HostSet> localHostSets(TaskPlan plan) {
        return plan.ingress().stream().map(in -> new HostSet(in.localCluster(), List.of(Endpoint.of("app",
                new InetSocketAddress(LOOPBACK, in.containerPort()))))).toList();
    }

    /**
     * What "off" means for a cluster: the proxy contract has no switch, so hosts are ejected for no time at all (the
     * failure window stays small; the proxy sizes it by the failure count).
     */
    static final OutlierDetection NEVER_EJECT = new OutlierDetection(5, java.time.Duration.ofSeconds(30),
            java.time.Duration.ZERO, java.time.Duration.ZERO);

    static Protocol protocol(AppProtocol p) {
        return switch (p) {
            case TCP -> Protocol.TCP;
            case HTTP -> Protocol.HTTP;
            case HTTP2 -> Protocol.HTTP2;
            case GRPC -> Protocol.GRPC;
        };
    }

    static TimeoutPolicy timeouts(Timeouts t) {
        return new TimeoutPolicy(t.perRequest(), t.idle());
    }

    static RetryPolicy retry(TrafficPolicy.Retries r) {
        Set<RetryOn> on = EnumSet.noneOf(RetryOn.class);
        for (TrafficPolicy.RetryOn c : r.retryOn()) {
            on.add(switch (c) {
                case CONNECT_FAILURE -> RetryOn.CONNECT_FAILURE;
                case RESET_BEFORE_RESPONSE -> RetryOn.RESET_BEFORE_RESPONSE;
                case REFUSED_STREAM -> RetryOn.REFUSED_STREAM;
                case HTTP_503 -> RetryOn.HTTP_503;
            });
        }
        return new RetryPolicy(r.maxRetries(), on, r.budget() == null ? null
                : new RetryBudget(r.budget().percent(), r.budget().minConcurrency()));
    }

    static OutlierDetection outliers(TrafficPolicy.OutlierDetection o) {
        return o.enabled() ? new OutlierDetection(o.failures(), o.interval(), o.baseEjection(), o.maxEjection())
                : NEVER_EJECT;
    }
}
