package dev.mooring.connect.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mooring.connect.plan.AppProtocol;
import dev.mooring.connect.plan.ExtensionTags;
import dev.mooring.connect.plan.NamespaceCatalog;
import dev.mooring.connect.plan.NamespaceEndpoint;
import dev.mooring.connect.plan.PlanRequest;
import dev.mooring.connect.plan.TaskPlan;
import dev.mooring.connect.plan.TaskPlanner;
import dev.mooring.connect.plan.Timeouts;
import dev.mooring.connect.plan.TrafficPolicy;
import dev.mooring.connect.plan.VipPool;
import dev.mooring.control.ecs.ContainerDefinition.PortMapping;
import dev.mooring.control.ecs.ServiceConnectConfiguration;
import dev.mooring.core.json.Json;
import dev.mooring.proxy.AccessLog;
import dev.mooring.proxy.ClusterConfig;
import dev.mooring.proxy.Direction;
import dev.mooring.proxy.ListenerConfig;
import dev.mooring.proxy.LoadBalancerPolicy;
import dev.mooring.proxy.NetworkScope;
import dev.mooring.proxy.OutlierDetection;
import dev.mooring.proxy.Protocol;
import dev.mooring.proxy.ProxyConfig;
import dev.mooring.proxy.RetryPolicy;
import dev.mooring.proxy.TimeoutPolicy;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProxyConfigsTest {
    private static final NetworkScope TASK = () -> Runnable::run;

    private static TaskPlan plan(String config, Map<String, String> serverTags) throws Exception {
        ServiceConnectConfiguration sc = Json.ecs().readValue(config, ServiceConnectConfiguration.class);
        TrafficPolicy policy = new ExtensionTags(serverTags).trafficPolicy("api");
        NamespaceCatalog catalog = new NamespaceCatalog("ns", "shop.internal", List.of(
                new NamespaceEndpoint("api", 80, "api", AppProtocol.HTTP, Timeouts.defaults(AppProtocol.HTTP),
                        policy, "svc/api"),
                new NamespaceEndpoint("db", 5432, "db", AppProtocol.TCP, Timeouts.defaults(AppProtocol.TCP),
                        TrafficPolicy.AWS, "svc/db")));
        return TaskPlanner.plan(new PlanRequest("t1", "ecs-service-connect-aaaaa", "c", "api", sc, catalog,
                List.of(new PortMapping(8080, 8080, "tcp", "http", "http", null)), Map.of()), new VipPool());
    }

    @Test
    void listenersAndClustersFollowThePlan() throws Exception {
        TaskPlan p = plan("""
                {"enabled": true, "services": [{"portName": "http", "discoveryName": "api",
                  "clientAliases": [{"dnsName": "api", "port": 80}]}],
                 "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": "g"}},
                 "accessLogConfiguration": {"format": "JSON"}}""", Map.of());
        List<String> lines = new ArrayList<>();
        ProxyConfig config = ProxyConfigs.of(p, TASK, lines::add);

        ListenerConfig ingress = config.listeners().getFirst();
        assertThat(ingress.direction()).isEqualTo(Direction.INGRESS);
        assertThat(ingress.address()).isEqualTo(new InetSocketAddress("0.0.0.0", 15000));
        assertThat(ingress.cluster()).isEqualTo("local:api");
        assertThat(ingress.protocol()).isEqualTo(Protocol.HTTP);
        assertThat(ingress.accessLog().format()).isEqualTo(AccessLog.Format.JSON);
        ListenerConfig api = config.listeners().get(1);
        assertThat(api.direction()).isEqualTo(Direction.EGRESS);
        assertThat(api.address().getAddress().getHostAddress()).startsWith("127.255.");
        assertThat(api.address().getPort()).isEqualTo(80);
        ListenerConfig db = config.listeners().get(2);
        assertThat(db.protocol()).isEqualTo(Protocol.TCP);
        assertThat(db.timeouts()).isEqualTo(new TimeoutPolicy(Duration.ZERO, Duration.ofHours(1)));

        ClusterConfig local = cluster(config, "local:api");
        assertThat(local.upstreamScope()).as("the app is on the task's own loopback").isSameAs(TASK);
        assertThat(local.retry()).isEqualTo(RetryPolicy.NONE);
        ClusterConfig apiCluster = cluster(config, "api");
        assertThat(apiCluster.upstreamScope()).as("egress leaves from the task's own address").isSameAs(TASK);
        assertThat(apiCluster.retry()).isEqualTo(RetryPolicy.AWS_DEFAULT);
        assertThat(apiCluster.outlierDetection()).isEqualTo(OutlierDetection.AWS_DEFAULT);
        assertThat(ProxyConfigs.localHostSets(p)).singleElement().satisfies(h -> assertThat(h.endpoints())
                .singleElement().satisfies(e -> assertThat(e.address())
                        .isEqualTo(new InetSocketAddress("127.0.0.1", 8080))));
    }

    @Test
    void theExtensionTagsReachTheClusters() throws Exception {
        TaskPlan p = plan("{\"enabled\": true}", Map.of("mooring:service-connect:retries", "0",
                "mooring:service-connect:outlier-failures", "0",
                "mooring:service-connect:load-balancer", "least-request"));
        ProxyConfig config = ProxyConfigs.of(p, TASK, null);
        ClusterConfig api = cluster(config, "api");
        assertThat(api.retry().maxRetries()).isZero();
        assertThat(api.loadBalancer()).isEqualTo(LoadBalancerPolicy.LEAST_REQUEST);
        assertThat(api.outlierDetection().maxEjection()).as("never ejects for any time").isZero();
        assertThat(config.listeners()).allSatisfy(l -> assertThat(l.accessLog()).isNull());
    }

    private static ClusterConfig cluster(ProxyConfig config, String name) {
        return config.clusters().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }
}
