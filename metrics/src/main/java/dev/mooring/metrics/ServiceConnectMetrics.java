package dev.mooring.metrics;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The Service Connect metrics of spec §5.1, namespace {@code AWS/ECS}, each recorded under both of its dimension
 * sets, as ECS publishes them:
 *
 * <table>
 * <caption>where each metric is counted</caption>
 * <tr><th>metric</th><th>dimension sets</th><th>counted by</th></tr>
 * <tr><td>ActiveConnectionCount (gauge), NewConnectionCount, ProcessedBytes, RequestCount, GrpcRequestCount (gRPC
 * only)</td><td>DiscoveryName; DiscoveryName, ServiceName, ClusterName (the server's service)</td>
 * <td>{@link Inbound}: the server task's ingress listener</td></tr>
 * <tr><td>HTTPCode_Target_2XX..5XX_Count (HTTP and HTTP/2 only; gRPC and TCP have no HTTP code class), RequestCountPerTarget,
 * TargetProcessedBytes, TargetResponseTime (ms)</td><td>TargetDiscoveryName; TargetDiscoveryName, ServiceName,
 * ClusterName (the client's service: "only traffic from tasks of that service")</td>
 * <td>{@link Outbound}: the client task's egress listener, the only side that knows both the client service and
 * the target name</td></tr>
 * </table>
 *
 * <p>RequestCountPerTarget is "the average requests received by each target": when a minute closes (on the
 * registry's next {@link MetricRegistry#sample()}) each target that got requests in it contributes one sample, its
 * request count, so that minute's Average is requests per target, Sum the requests and SampleCount the targets.
 *
 * <p>Look the {@link Inbound} and {@link Outbound} handles up once per listener: recording through them is lock-free.
 */
public final class ServiceConnectMetrics {
    public static final String NAMESPACE = "AWS/ECS";

    public static final String ACTIVE_CONNECTION_COUNT = "ActiveConnectionCount";
    public static final String NEW_CONNECTION_COUNT = "NewConnectionCount";
    public static final String PROCESSED_BYTES = "ProcessedBytes";
    public static final String REQUEST_COUNT = "RequestCount";
    public static final String GRPC_REQUEST_COUNT = "GrpcRequestCount";
    public static final String HTTP_CODE_TARGET_2XX_COUNT = "HTTPCode_Target_2XX_Count";
    public static final String HTTP_CODE_TARGET_3XX_COUNT = "HTTPCode_Target_3XX_Count";
    public static final String HTTP_CODE_TARGET_4XX_COUNT = "HTTPCode_Target_4XX_Count";
    public static final String HTTP_CODE_TARGET_5XX_COUNT = "HTTPCode_Target_5XX_Count";
    public static final String REQUEST_COUNT_PER_TARGET = "RequestCountPerTarget";
    public static final String TARGET_PROCESSED_BYTES = "TargetProcessedBytes";
    public static final String TARGET_RESPONSE_TIME = "TargetResponseTime";

    public static final String DISCOVERY_NAME = "DiscoveryName";
    public static final String TARGET_DISCOVERY_NAME = "TargetDiscoveryName";
    public static final String SERVICE_NAME = "ServiceName";
    public static final String CLUSTER_NAME = "ClusterName";

    /** A port mapping's {@code appProtocol}; {@link #TCP} when it has none (spec §5.1 conditions). */
    public enum AppProtocol { HTTP, HTTP2, GRPC, TCP }

    private final MetricRegistry registry;
    private final ConcurrentHashMap<Outbound, Boolean> outbounds = new ConcurrentHashMap<>();
    private final AtomicLong publishedUpTo;

    public ServiceConnectMetrics(MetricRegistry registry) {
        this.registry = registry;
        this.publishedUpTo = new AtomicLong(Math.floorDiv(registry.clock().millis(), Series.MINUTE_MILLIS));
        registry.onSample(this::publishClosedMinutes);
    }

    public MetricRegistry registry() {
        return registry;
    }

    /** The ingress side of one discovery name of a server service. */
    public Inbound inbound(String discoveryName, String serviceName, String clusterName, AppProtocol protocol) {
        List<Dimensions> sets = List.of(Dimensions.of(DISCOVERY_NAME, discoveryName),
                Dimensions.of(DISCOVERY_NAME, discoveryName, SERVICE_NAME, serviceName, CLUSTER_NAME, clusterName));
        return new Inbound(sets, protocol);
    }

    /** The egress side of a client service towards one target discovery name. */
    public Outbound outbound(String targetDiscoveryName, String clientServiceName, String clientClusterName,
            AppProtocol protocol) {
        List<Dimensions> sets = List.of(Dimensions.of(TARGET_DISCOVERY_NAME, targetDiscoveryName),
                Dimensions.of(TARGET_DISCOVERY_NAME, targetDiscoveryName, SERVICE_NAME, clientServiceName,
                        CLUSTER_NAME, clientClusterName));
        Outbound o = new Outbound(sets, protocol);
        outbounds.put(o, Boolean.TRUE);
        return o;
    }

    private Counter[] counters(String name, StandardUnit unit, List<Dimensions> sets) {
        return sets.stream().map(d -> registry.counter(NAMESPACE, name, unit, d)).toArray(Counter[]::new);
    }

    private static void add(Counter[] counters, long n) {
        for (Counter c : counters) {
            c.add(n);
        }
    }

    /** Counts of the ingress listener of one discovery name: connections, requests and bytes from clients. */
    public final class Inbound {
        private final Gauge[] active;
        private final Counter[] newConnections;
        private final Counter[] processedBytes;
        private final Counter[] requests;
        private final Counter[] grpcRequests;

        private Inbound(List<Dimensions> sets, AppProtocol protocol) {
            active = sets.stream().map(d -> registry.gauge(NAMESPACE, ACTIVE_CONNECTION_COUNT, StandardUnit.COUNT, d))
                    .toArray(Gauge[]::new);
            newConnections = counters(NEW_CONNECTION_COUNT, StandardUnit.COUNT, sets);
            processedBytes = counters(PROCESSED_BYTES, StandardUnit.BYTES, sets);
            requests = counters(REQUEST_COUNT, StandardUnit.COUNT, sets);
            grpcRequests = protocol == AppProtocol.GRPC ? counters(GRPC_REQUEST_COUNT, StandardUnit.COUNT, sets)
                    : new Counter[0];
        }

        public void connectionOpened() {
            add(newConnections, 1);
            for (Gauge g : active) {
                g.increment();
            }
        }

        public void connectionClosed() {
            for (Gauge g : active) {
                g.decrement();
            }
        }

        /** One request from a client (a gRPC call also counts as GrpcRequestCount). */
        public void request() {
            add(requests, 1);
            add(grpcRequests, 1);
        }

        /** Bytes of inbound traffic the proxy carried, in either direction. */
        public void processedBytes(long bytes) {
            add(processedBytes, bytes);
        }
    }

    /** Counts of a client's egress towards one target discovery name. */
    public final class Outbound {
        private final AppProtocol protocol;
        private final Counter[][] codeClass = new Counter[4][];
        private final Counter[] targetBytes;
        private final Distribution[] responseTime;
        private final Distribution[] perTarget;
        private final Map<String, MinuteCount> targets = new ConcurrentHashMap<>();

        private Outbound(List<Dimensions> sets, AppProtocol protocol) {
            this.protocol = protocol;
            if (protocol == AppProtocol.HTTP || protocol == AppProtocol.HTTP2) {
                codeClass[0] = counters(HTTP_CODE_TARGET_2XX_COUNT, StandardUnit.COUNT, sets);
                codeClass[1] = counters(HTTP_CODE_TARGET_3XX_COUNT, StandardUnit.COUNT, sets);
                codeClass[2] = counters(HTTP_CODE_TARGET_4XX_COUNT, StandardUnit.COUNT, sets);
                codeClass[3] = counters(HTTP_CODE_TARGET_5XX_COUNT, StandardUnit.COUNT, sets);
            }
            targetBytes = counters(TARGET_PROCESSED_BYTES, StandardUnit.BYTES, sets);
            responseTime = sets.stream().map(d -> registry.distribution(NAMESPACE, TARGET_RESPONSE_TIME,
                    StandardUnit.MILLISECONDS, d)).toArray(Distribution[]::new);
            perTarget = sets.stream().map(d -> registry.distribution(NAMESPACE, REQUEST_COUNT_PER_TARGET,
                    StandardUnit.COUNT, d)).toArray(Distribution[]::new);
        }

        /** The handle for one target (a task's address and port, say); keep it with the host in the host set. */
        public Target target(String targetId) {
            return new Target(count(targetId));
        }

        /** One request sent to {@code targetId}: a map read when the target is known, no lock, no allocation. */
        public void request(String targetId) {
            count(targetId).add(1);
        }

        private MinuteCount count(String targetId) {
            MinuteCount count = targets.get(targetId);
            if (count == null) {
                count = targets.computeIfAbsent(targetId, k -> new MinuteCount());
            }
            if (count.forgotten) {
                count.forgotten = false;
            }
            return count;
        }

        /** The target left the host set: it is dropped once its last minute is published. */
        public void forget(String targetId) {
            MinuteCount count = targets.get(targetId);
            if (count != null) {
                count.forgotten = true;
            }
        }

        int targetCount() {
            return targets.size();
        }

        /**
         * The target's answer: its HTTP status (its class is counted for HTTP and HTTP/2; pass 0 when there was no
         * HTTP response) and the milliseconds from sending the request to the target until its response came back.
         */
        public void response(int httpStatus, double responseTimeMillis) {
            int cls = httpStatus / 100 - 2;
            if (codeClass[0] != null && cls >= 0 && cls < 4) {
                add(codeClass[cls], 1);
            }
            for (Distribution d : responseTime) {
                d.record(responseTimeMillis);
            }
        }

        public void processedBytes(long bytes) {
            add(targetBytes, bytes);
        }

        public AppProtocol protocol() {
            return protocol;
        }

        /** Publishes, for every minute before {@code beforeMinute}, one sample per target: its request count. */
        private void publish(long fromMinute, long beforeMinute) {
            for (var e : targets.entrySet()) {
                MinuteCount t = e.getValue();
                for (long m = fromMinute; m < beforeMinute; m++) {
                    long n = t.in(m);
                    if (n > 0) {
                        for (Distribution d : perTarget) {
                            d.recordInMinute(m, n);
                        }
                    }
                }
                if (t.forgotten) {
                    targets.remove(e.getKey(), t);
                }
            }
        }
    }

    /** One target of an {@link Outbound}: count each request sent to it. */
    public static final class Target {
        private final MinuteCount count;

        private Target(MinuteCount count) {
            this.count = count;
        }

        public void request() {
            count.add(1);
        }
    }

    private void publishClosedMinutes() {
        long now = Math.floorDiv(registry.clock().millis(), Series.MINUTE_MILLIS);
        long from = publishedUpTo.get();
        if (now <= from || !publishedUpTo.compareAndSet(from, now)) {
            return;
        }
        long oldest = Math.max(from, now - registry.retention().toMinutes());
        for (Outbound o : outbounds.keySet()) {
            o.publish(oldest, now);
        }
    }

    /** A target's requests per minute, in a ring of its own; each closed minute is published once. */
    private final class MinuteCount {
        private final MinuteRing ring = new MinuteRing(Math.toIntExact(registry.retention().toMinutes()));
        volatile boolean forgotten;

        void add(long n) {
            MinuteBucket b = ring.bucket(Math.floorDiv(registry.clock().millis(), Series.MINUTE_MILLIS));
            if (b != null) {
                b.record(n);
            }
        }

        long in(long minute) {
            for (MinuteBucket b : ring.between(minute, minute)) {
                return (long) b.statistics().sum();
            }
            return 0;
        }
    }
}
