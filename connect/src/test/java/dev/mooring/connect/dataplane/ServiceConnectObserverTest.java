package dev.mooring.connect.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mooring.connect.plan.AppProtocol;
import dev.mooring.connect.plan.TaskPlan;
import dev.mooring.connect.plan.Timeouts;
import dev.mooring.connect.plan.TrafficPolicy;
import dev.mooring.metrics.Dimensions;
import dev.mooring.metrics.MetricKey;
import dev.mooring.metrics.MetricRegistry;
import dev.mooring.metrics.ServiceConnectMetrics;
import dev.mooring.metrics.Statistics;
import dev.mooring.proxy.Endpoint;
import dev.mooring.proxy.Exchange;
import dev.mooring.proxy.ListenerConfig;
import dev.mooring.proxy.NetworkScope;
import dev.mooring.proxy.Protocol;
import dev.mooring.proxy.ProxyConfig;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The task labels the agent attaches to each proxy turn the proxy's callbacks into spec §5.1 series. */
class ServiceConnectObserverTest {
    private static final Instant MINUTE = Instant.parse("2026-12-03T10:00:00Z");

    private final AtomicLong millis = new AtomicLong(MINUTE.plusSeconds(1).toEpochMilli());
    private final MetricRegistry registry = new MetricRegistry(new InstantSource() {
        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis.get());
        }
    }, MetricRegistry.DEFAULT_RETENTION);
    private final ServiceConnectObserver observer = new ServiceConnectObserver(new ServiceConnectMetrics(registry));

    /** A task of {@code service} serving discovery name "db" (when {@code server}) and calling "web". */
    private static TaskPlan plan(String taskId, String service, boolean server) {
        List<TaskPlan.IngressListener> ingress = server ? List.of(new TaskPlan.IngressListener("ingress:db", "db",
                "pg", AppProtocol.HTTP, 5432, 15000, true, Timeouts.defaults(AppProtocol.HTTP))) : List.of();
        List<TaskPlan.EgressListener> egress = List.of(new TaskPlan.EgressListener("egress:web:80", "web",
                "127.255.0.1", 80, 80, "web", AppProtocol.HTTP, Timeouts.defaults(AppProtocol.HTTP),
                TrafficPolicy.AWS));
        return new TaskPlan(taskId, "ecs-service-connect-abcde", "arn:ns", "ns", List.of(), egress, ingress,
                List.of(), TaskPlan.ProxyLogging.NONE, Duration.ofSeconds(5), false, List.of(), "prod", service);
    }

    private ProxyConfig attach(TaskPlan plan) {
        ProxyConfig config = ProxyConfigs.of(plan, NetworkScope.HOST, null);
        observer.attach(plan, config);
        return config;
    }

    private static ListenerConfig listener(ProxyConfig config, String name) {
        return config.listeners().stream().filter(l -> l.name().equals(name)).findFirst().orElseThrow();
    }

    private static Exchange exchange(String target, int status, long upstreamNanos, long bytesSent) {
        Endpoint e = target == null ? null : Endpoint.of(target, new InetSocketAddress("198.18.0.9", 8080));
        return new Exchange(Protocol.HTTP, "web", e, "GET", "/", status, null, 10, bytesSent, 2_000_000,
                upstreamNanos, target == null ? 0 : 1, MINUTE);
    }

    private Statistics stat(String metric, String... dimensions) {
        return registry.statistics(new MetricKey("AWS/ECS", metric, Dimensions.of(dimensions)), MINUTE);
    }

    @Test
    void ingressCountsUnderTheServersNamesAndEgressUnderTheClients() {
        ProxyConfig db = attach(plan("t1", "db-svc", true));
        ListenerConfig in = listener(db, "ingress:db");
        observer.connectionOpened(db.name(), in);
        observer.exchange(db.name(), in, exchange("app", 200, 1_000_000, 90));
        observer.exchange(db.name(), in, exchange("app", 404, 1_000_000, 0));
        observer.connectionClosed(db.name(), in);

        ListenerConfig out = listener(db, "egress:web:80");
        observer.exchange(db.name(), out, exchange("w1", 200, 3_000_000, 5));
        observer.exchange(db.name(), out, exchange("w1", 503, 2_000_000, 5));
        observer.exchange(db.name(), out, exchange(null, 503, 0, 19));   // no host: the proxy's own answer

        for (String[] d : new String[][] {{"DiscoveryName", "db"},
                {"DiscoveryName", "db", "ServiceName", "db-svc", "ClusterName", "prod"}}) {
            assertThat(stat("RequestCount", d).sum()).isEqualTo(2.0);
            assertThat(stat("NewConnectionCount", d).sum()).isEqualTo(1.0);
            assertThat(stat("ProcessedBytes", d).sum()).isEqualTo(110.0);
            assertThat(stat("ActiveConnectionCount", d).maximum()).isEqualTo(1.0);
        }
        for (String[] d : new String[][] {{"TargetDiscoveryName", "web"},
                {"TargetDiscoveryName", "web", "ServiceName", "db-svc", "ClusterName", "prod"}}) {
            assertThat(stat("HTTPCode_Target_2XX_Count", d).sum()).isEqualTo(1.0);
            assertThat(stat("HTTPCode_Target_5XX_Count", d).sum()).isEqualTo(1.0);
            assertThat(stat("TargetResponseTime", d)).isEqualTo(new Statistics(2, 5.0, 2.0, 3.0));
            assertThat(stat("TargetProcessedBytes", d).sum()).isEqualTo(59.0);
        }
        assertThat(stat("RequestCount", "DiscoveryName", "web").sampleCount()).isZero();
    }

    @Test
    void requestCountPerTargetCountsEveryTaskOfTheClientServiceTogether() {
        ProxyConfig a = attach(plan("t1", "ui", false));
        ProxyConfig b = attach(plan("t2", "ui", false));
        for (ProxyConfig c : List.of(a, b)) {
            ListenerConfig out = listener(c, "egress:web:80");
            observer.exchange(c.name(), out, exchange("w1", 200, 1_000_000, 0));
            observer.exchange(c.name(), out, exchange("w2", 200, 1_000_000, 0));
            observer.exchange(c.name(), out, exchange("w1", 200, 1_000_000, 0));
        }
        millis.addAndGet(60_000);
        registry.sample();
        // two targets, w1 with 4 requests and w2 with 2, whichever task sent them
        assertThat(stat("RequestCountPerTarget", "TargetDiscoveryName", "web")).isEqualTo(new Statistics(2, 6, 2, 4));
        assertThat(stat("RequestCountPerTarget", "TargetDiscoveryName", "web", "ServiceName", "ui", "ClusterName",
                "prod")).isEqualTo(new Statistics(2, 6, 2, 4));
    }

    @Test
    void aProxyWithoutLabelsCountsNothing() {
        ProxyConfig unknown = ProxyConfigs.of(plan("t9", "x", true), NetworkScope.HOST, null);
        observer.connectionOpened(unknown.name(), listener(unknown, "ingress:db"));
        observer.exchange(unknown.name(), listener(unknown, "ingress:db"), exchange("app", 200, 1, 1));
        assertThat(registry.series(dev.mooring.metrics.SeriesFilter.all(), MINUTE)).isEmpty();
    }
}
