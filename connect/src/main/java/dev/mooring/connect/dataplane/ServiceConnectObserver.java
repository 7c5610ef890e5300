package dev.mooring.connect.dataplane;

import dev.mooring.connect.plan.AppProtocol;
import dev.mooring.connect.plan.TaskPlan;
import dev.mooring.metrics.ServiceConnectMetrics;
import dev.mooring.proxy.Exchange;
import dev.mooring.proxy.ListenerConfig;
import dev.mooring.proxy.ProxyConfig;
import dev.mooring.proxy.ProxyObserver;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Counts the Service Connect proxies' traffic into {@link ServiceConnectMetrics} (spec §5.1). The proxy knows nothing
 * of ECS: when {@link ProxyFleet} starts a task's proxy it {@link #attach attaches} the task's labels (cluster,
 * service, discovery names) to each listener, and every callback is then two map reads and lock-free recording.
 *
 * <ul>
 * <li>Ingress listener (the server's side): ActiveConnectionCount, NewConnectionCount, ProcessedBytes (both
 * directions), RequestCount and GrpcRequestCount (HTTP, HTTP/2, gRPC requests; a TCP session is no request).</li>
 * <li>Egress listener (the client's side): HTTPCode_Target_*, TargetResponseTime (only responses that came from the
 * target, not the proxy's own 503 or 504), TargetProcessedBytes, RequestCountPerTarget (per host chosen).</li>
 * </ul>
 */
public final class ServiceConnectObserver implements ProxyObserver {
    static final Duration DETACH_DELAY = Duration.ofSeconds(30);
    private final ServiceConnectMetrics metrics;
    /** proxy name → listener name → what it counts into */
    private final Map<String, Map<String, Recorder>> proxies = new ConcurrentHashMap<>();
    /** one per client service and target: RequestCountPerTarget must see all its tasks' requests to a target */
    private final Map<OutboundKey, ServiceConnectMetrics.Outbound> outbounds = new ConcurrentHashMap<>();

    public ServiceConnectObserver(ServiceConnectMetrics metrics) {
        this.metrics = metrics;
    }

    private record OutboundKey(String target, String service, String cluster, ServiceConnectMetrics.AppProtocol p) {}

    private sealed interface Recorder {}

    private record Ingress(ServiceConnectMetrics.Inbound inbound, boolean http) implements Recorder {}

    private record Egress(ServiceConnectMetrics.Outbound outbound, boolean http) implements Recorder {}

    /** Before the proxy of {@code config} starts: its listeners count under the task's names. */
    public void attach(TaskPlan plan, ProxyConfig config) {
        String service = plan.serviceName();
        String cluster = plan.clusterName();
        if (service == null || cluster == null) {
            return;
        }
        Map<String, Recorder> byListener = new HashMap<>();
        for (TaskPlan.IngressListener in : plan.ingress()) {
            byListener.put(in.name(), new Ingress(metrics.inbound(in.discoveryName(), service, cluster,
                    protocol(in.protocol())), in.protocol() != AppProtocol.TCP));
        }
        for (TaskPlan.EgressListener out : plan.egress()) {
            var p = protocol(out.protocol());
            byListener.put(out.name(), new Egress(outbounds.computeIfAbsent(
                    new OutboundKey(out.cluster(), service, cluster, p),
                    k -> metrics.outbound(k.target(), k.service(), k.cluster(), k.p())),
                    out.protocol() != AppProtocol.TCP));
        }
        byListener.keySet().retainAll(config.listeners().stream().map(ListenerConfig::name).toList());
        proxies.put(config.name(), Map.copyOf(byListener));
    }

    /**
     * The proxy closed. Its last connections may report their close a moment after the proxy says it is done (the
     * channel leaves the proxy's set before its inactive event), so the labels go a little later.
     */
    public void detach(String proxyName) {
        Map<String, Recorder> attached = proxies.get(proxyName);
        if (attached != null) {
            CompletableFuture.delayedExecutor(DETACH_DELAY.toMillis(), TimeUnit.MILLISECONDS)
                    .execute(() -> proxies.remove(proxyName, attached));
        }
    }

    /** Hosts left a task's egress cluster: their RequestCountPerTarget goes once its last minute is published. */
    public void hostsLeft(TaskPlan plan, String cluster, List<String> endpointIds) {
        if (endpointIds.isEmpty()) {
            return;
        }
        outbounds.forEach((k, o) -> {
            if (k.target().equals(cluster) && k.service().equals(plan.serviceName())
                    && k.cluster().equals(plan.clusterName())) {
                endpointIds.forEach(o::forget);
            }
        });
    }

    private Recorder recorder(String proxy, ListenerConfig listener) {
        Map<String, Recorder> byListener = proxies.get(proxy);
        return byListener == null ? null : byListener.get(listener.name());
    }

    @Override
    public void connectionOpened(String proxy, ListenerConfig listener) {
        if (recorder(proxy, listener) instanceof Ingress in) {
            in.inbound().connectionOpened();
        }
    }

    @Override
    public void connectionClosed(String proxy, ListenerConfig listener) {
        if (recorder(proxy, listener) instanceof Ingress in) {
            in.inbound().connectionClosed();
        }
    }

    @Override
    public void exchange(String proxy, ListenerConfig listener, Exchange x) {
        switch (recorder(proxy, listener)) {
            case Ingress in -> {
                if (in.http()) {
                    in.inbound().request();
                }
                in.inbound().processedBytes(x.bytesReceived() + x.bytesSent());
            }
            case Egress out -> {
                if (x.endpoint() != null && x.attempts() > 0) {
                    out.outbound().request(x.endpoint().id());
                }
                // upstreamNanos is 0 unless a target's response head came back: the proxy's own 503/504 are no
                // target's answer
                if (out.http() && x.upstreamNanos() > 0) {
                    out.outbound().response(x.status(), x.upstreamNanos() / 1e6);
                }
                out.outbound().processedBytes(x.bytesReceived() + x.bytesSent());
            }
            case null -> { }
        }
    }

    static ServiceConnectMetrics.AppProtocol protocol(AppProtocol p) {
        return switch (p) {
            case TCP -> ServiceConnectMetrics.AppProtocol.TCP;
            case HTTP -> ServiceConnectMetrics.AppProtocol.HTTP;
            case HTTP2 -> ServiceConnectMetrics.AppProtocol.HTTP2;
            case GRPC -> ServiceConnectMetrics.AppProtocol.GRPC;
        };
    }
}
