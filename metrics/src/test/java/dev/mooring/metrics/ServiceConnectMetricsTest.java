package dev.mooring.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mooring.metrics.ServiceConnectMetrics.AppProtocol;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ServiceConnectMetricsTest {
    private static final Instant MINUTE0 = Instant.parse("2026-12-03T10:00:00Z");

    private final TestClock clock = new TestClock(MINUTE0.plusSeconds(5));
    private final MetricRegistry registry = new MetricRegistry(clock, MetricRegistry.DEFAULT_RETENTION);
    private final ServiceConnectMetrics sc = new ServiceConnectMetrics(registry);

    private Statistics stat(String metric, String... dims) {
        SeriesFilter f = SeriesFilter.all().namespace("AWS/ECS").metric(metric);
        for (int i = 0; i < dims.length; i += 2) {
            f = f.dimension(dims[i], dims[i + 1]);
        }
        var found = registry.series(f, MINUTE0).stream()
                .filter(s -> s.key().dimensions().values().size() == dims.length / 2).toList();
        assertThat(found).as(metric + " " + String.join(",", dims)).hasSize(1);
        return found.getFirst().total();
    }

    @Test
    void inboundCountsUnderBothDimensionSets() {
        var in = sc.inbound("yelb-appserver", "yelb-appserver", "yelb-cluster", AppProtocol.HTTP);
        in.connectionOpened();
        in.connectionOpened();
        for (int i = 0; i < 5; i++) {
            in.request();
        }
        in.processedBytes(1000);
        in.processedBytes(24);
        in.connectionClosed();
        registry.sample();

        for (String[] dims : new String[][] {{"DiscoveryName", "yelb-appserver"},
                {"DiscoveryName", "yelb-appserver", "ServiceName", "yelb-appserver", "ClusterName", "yelb-cluster"}}) {
            assertThat(stat("RequestCount", dims).sum()).isEqualTo(5);
            assertThat(stat("NewConnectionCount", dims).sum()).isEqualTo(2);
            assertThat(stat("ProcessedBytes", dims).sum()).isEqualTo(1024);
            Statistics active = stat("ActiveConnectionCount", dims);
            assertThat(active.maximum()).isEqualTo(2);
            assertThat(active.average()).isEqualTo(1);
        }
        assertThat(registry.series(SeriesFilter.all().metric("GrpcRequestCount"), MINUTE0)).isEmpty();
    }

    @Test
    void grpcRequestsAlsoCountAsGrpcRequestCount() {
        var in = sc.inbound("greeter", "greeter-svc", "c1", AppProtocol.GRPC);
        in.request();
        in.request();
        assertThat(stat("GrpcRequestCount", "DiscoveryName", "greeter").sum()).isEqualTo(2);
        assertThat(stat("RequestCount", "DiscoveryName", "greeter").sum()).isEqualTo(2);
    }

    @Test
    void outboundCountsCodeClassesResponseTimesAndRequestsPerTarget() {
        var out = sc.outbound("yelb-appserver", "yelb-ui", "yelb-cluster", AppProtocol.HTTP);
        var a = out.target("198.18.0.5:4567");
        var b = out.target("198.18.0.6:4567");
        int[] statuses = {200, 200, 201, 304, 404, 503};
        for (int i = 0; i < statuses.length; i++) {
            (i % 3 == 0 ? b : a).request();
            out.response(statuses[i], 2 * (i + 1));
            out.processedBytes(100);
        }
        // the minute closes: each target contributes its count (a: 4, b: 2)
        clock.advance(Duration.ofMinutes(1));
        registry.sample();

        String[] client = {"TargetDiscoveryName", "yelb-appserver", "ServiceName", "yelb-ui", "ClusterName",
                "yelb-cluster"};
        for (String[] dims : new String[][] {{"TargetDiscoveryName", "yelb-appserver"}, client}) {
            assertThat(stat("HTTPCode_Target_2XX_Count", dims).sum()).isEqualTo(3);
            assertThat(stat("HTTPCode_Target_3XX_Count", dims).sum()).isEqualTo(1);
            assertThat(stat("HTTPCode_Target_4XX_Count", dims).sum()).isEqualTo(1);
            assertThat(stat("HTTPCode_Target_5XX_Count", dims).sum()).isEqualTo(1);
            assertThat(stat("TargetProcessedBytes", dims).sum()).isEqualTo(600);
            Statistics rt = stat("TargetResponseTime", dims);
            assertThat(rt.average()).isEqualTo(7);
            assertThat(rt.minimum()).isEqualTo(2);
            assertThat(rt.maximum()).isEqualTo(12);
            Statistics perTarget = stat("RequestCountPerTarget", dims);
            assertThat(perTarget).isEqualTo(new Statistics(2, 6, 2, 4));
            assertThat(perTarget.average()).isEqualTo(3);
        }
        // sampling again in the same minute publishes nothing twice
        registry.sample();
        assertThat(stat("RequestCountPerTarget", "TargetDiscoveryName", "yelb-appserver").sum()).isEqualTo(6);
    }

    @Test
    void aForgottenTargetStillCountsForItsLastMinuteThenGoes() {
        var out = sc.outbound("yelb-appserver", "yelb-ui", "yelb-cluster", AppProtocol.HTTP);
        out.target("a").request();
        out.target("b").request();
        out.forget("a");
        assertThat(out.targetCount()).isEqualTo(2);
        clock.advance(Duration.ofMinutes(1));
        registry.sample();
        assertThat(stat("RequestCountPerTarget", "TargetDiscoveryName", "yelb-appserver"))
                .isEqualTo(new Statistics(2, 2, 1, 1));
        assertThat(out.targetCount()).isEqualTo(1);
    }

    @Test
    void tcpHasNoHttpCodeClasses() {
        var out = sc.outbound("yelb-db", "yelb-appserver", "yelb-cluster", AppProtocol.TCP);
        out.response(0, 1.5);
        Map<String, Long> names = registry.series(SeriesFilter.all(), MINUTE0).stream()
                .collect(Collectors.groupingBy(s -> s.key().name(), Collectors.counting()));
        assertThat(names).containsOnlyKeys("TargetResponseTime");
    }

    @Test
    void requestByTargetIdCountsLikeTheTargetHandleAndReturnsAfterForget() {
        var out = sc.outbound("web", "client", "c1", AppProtocol.HTTP);
        for (int i = 0; i < 4; i++) {
            out.request("a");
        }
        out.request("b");
        out.forget("b");
        out.request("b");   // back in the host set before its minute was published: not dropped
        clock.advance(Duration.ofMinutes(1));
        registry.sample();
        assertThat(stat("RequestCountPerTarget", "TargetDiscoveryName", "web")).isEqualTo(new Statistics(2, 6, 2, 4));
        assertThat(out.targetCount()).isEqualTo(2);
    }

    @Test
    void statisticsOfOneSeriesLeaveTheOtherDimensionSetOut() {
        var in = sc.inbound("web", "web-svc", "c1", AppProtocol.HTTP);
        in.request();
        in.request();
        in.request();
        // the filter-based query would find both dimension sets (6); the exact key finds one (3)
        assertThat(registry.sum("AWS/ECS", "RequestCount", Dimensions.of("DiscoveryName", "web"),
                Duration.ofMinutes(5))).isEqualTo(3);
        assertThat(registry.statistics(new MetricKey("AWS/ECS", "RequestCount", Dimensions.of("DiscoveryName", "web",
                "ServiceName", "web-svc", "ClusterName", "c1")), MINUTE0)).isEqualTo(new Statistics(3, 3, 1, 1));
        assertThat(registry.sum("AWS/ECS", "RequestCount", Dimensions.of("DiscoveryName", "other"),
                Duration.ofMinutes(5))).isZero();
        // a window that starts after the minute that holds them sees none
        clock.advance(Duration.ofMinutes(2));
        assertThat(registry.sum("AWS/ECS", "RequestCount", Dimensions.of("DiscoveryName", "web"),
                Duration.ofMinutes(1))).isZero();
    }
}
