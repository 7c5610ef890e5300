package dev.mooring.connect.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mooring.connect.plan.TaskPlan.EgressListener;
import dev.mooring.connect.plan.TaskPlan.HostEntry;
import dev.mooring.connect.plan.TaskPlan.IngressListener;
import dev.mooring.connect.plan.TaskPlan.ProxyLogging;
import dev.mooring.connect.plan.TaskPlan.Redirect;
import dev.mooring.control.ecs.ContainerDefinition.PortMapping;
import dev.mooring.control.ecs.ServiceConnectConfiguration;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TaskPlannerTest {
    private final VipPool vips = new VipPool();

    private TaskPlan plan(ServiceConnectConfiguration config, List<PortMapping> ports, NamespaceCatalog catalog,
                          Map<String, String> tags) {
        return TaskPlanner.plan(new PlanRequest("task1", "ecs-service-connect-ab12c", "yelb-cluster", "svc", config,
                catalog, ports, tags), vips);
    }

    @Test
    void aClientOnlyServiceGetsEveryAliasOfTheNamespaceAndNoIngress() {
        TaskPlan ui = plan(Yelb.UI, Yelb.UI_PORTS, Yelb.catalog(), Map.of());

        assertThat(ui.ingress()).isEmpty();
        assertThat(ui.ingressPorts()).isEmpty();
        assertThat(ui.hosts()).extracting(HostEntry::hostname).containsExactly("yelb-appserver.yelb.lb.internal",
                "yelb-db.yelb.cloudmap.internal", "yelb-redis.yelb.cloudmap.internal");
        assertThat(ui.hosts()).extracting(HostEntry::vip).doesNotHaveDuplicates()
                .allSatisfy(v -> assertThat(v).startsWith("127.255."));
        assertThat(ui.egress()).extracting(EgressListener::port, EgressListener::listenerPort,
                EgressListener::cluster, EgressListener::protocol).containsExactly(
                org.assertj.core.groups.Tuple.tuple(4567, 4567, "yelb-appserver", AppProtocol.HTTP),
                org.assertj.core.groups.Tuple.tuple(5432, 5432, "yelb-db", AppProtocol.TCP),
                org.assertj.core.groups.Tuple.tuple(6379, 6379, "yelb-redis", AppProtocol.TCP));
        EgressListener db = ui.egress().get(1);
        assertThat(db.vip()).isEqualTo(vips.vip(Yelb.NS_ARN, "yelb-db.yelb.cloudmap.internal"));
        assertThat(db.timeouts()).isEqualTo(new Timeouts(Duration.ZERO, Duration.ofHours(1)));
        assertThat(ui.egress().getFirst().timeouts()).isEqualTo(new Timeouts(Duration.ofSeconds(15),
                Duration.ofMinutes(5)));
        assertThat(ui.redirects()).isEmpty();
        assertThat(ui.egressClusters()).containsExactly("yelb-appserver", "yelb-db", "yelb-redis");
    }

    @Test
    void everyTaskOfTheNamespaceSeesTheSameVipForAName() {
        TaskPlan ui = plan(Yelb.UI, Yelb.UI_PORTS, Yelb.catalog(), Map.of());
        TaskPlan db = plan(Yelb.DB, Yelb.DB_PORTS, Yelb.catalog(), Map.of());
        assertThat(db.hosts()).isEqualTo(ui.hosts());
    }

    @Test
    void aServerTaskInterceptsItsContainerPortAndKeepsItsOwnAliasOffTheAppsPort() {
        TaskPlan app = plan(Yelb.APPSERVER, Yelb.APPSERVER_PORTS, Yelb.catalog(), Map.of());

        IngressListener in = app.ingress().getFirst();
        assertThat(in.discoveryName()).isEqualTo("yelb-appserver");
        assertThat(in.protocol()).isEqualTo(AppProtocol.HTTP);
        assertThat(in.intercepted()).isTrue();
        assertThat(in.containerPort()).isEqualTo(4567);
        assertThat(in.listenerPort()).isEqualTo(TaskPlanner.FIRST_PROXY_PORT);
        assertThat(in.ingressPort()).isEqualTo(4567);
        assertThat(app.ingressPorts()).isEqualTo(Map.of("yelb-appserver", 4567));
        // the app binds 4567 on every address, so the egress listener of its own alias moves to another port
        EgressListener own = app.egress().getFirst();
        assertThat(own.port()).isEqualTo(4567);
        assertThat(own.listenerPort()).isEqualTo(TaskPlanner.FIRST_PROXY_PORT + 1);
        assertThat(app.redirects()).containsExactly(
                new Redirect(Redirect.Kind.INGRESS_INTERCEPT, null, 4567, 15000),
                new Redirect(Redirect.Kind.EGRESS_REMAP, own.vip(), 4567, 15001));
        assertThat(app.redirects().getFirst().iptablesAppend()).containsExactly("-w", "-t", "nat", "-A",
                "PREROUTING", "-p", "tcp", "--dport", "4567", "-j", "REDIRECT", "--to-ports", "15000");
        assertThat(app.redirects().get(1).iptablesAppend()).containsSequence("-A", "OUTPUT", "-d",
                own.vip() + "/32").endsWith("DNAT", "--to-destination", own.vip() + ":15001");
        assertThat(app.egress().subList(1, 3)).noneMatch(EgressListener::remapped);
    }

    @Test
    void ingressPortOverrideMovesTheListenerAndLeavesTheAppReachable() {
        // spec §4.1's fourth example: discoveryName http-four, alias db.app:81, ingressPortOverride 99
        ServiceConnectConfiguration config = Yelb.config("""
                {"enabled": true, "namespace": "ns", "services": [
                  {"portName": "http", "discoveryName": "http-four", "ingressPortOverride": 99,
                   "clientAliases": [{"dnsName": "db.app", "port": 81}],
                   "timeout": {"idleTimeoutSeconds": 0, "perRequestTimeoutSeconds": 2}}]}""");
        List<PortMapping> ports = List.of(Yelb.port("http", 8080, "http"));
        NamespaceCatalog catalog = new NamespaceCatalog("ns-arn", "ns",
                List.of(Yelb.endpoint("db.app", 81, "http-four", AppProtocol.HTTP)));

        TaskPlan plan = plan(config, ports, catalog, Map.of());

        IngressListener in = plan.ingress().getFirst();
        assertThat(in.intercepted()).isFalse();
        assertThat(in.listenerPort()).isEqualTo(99);
        assertThat(in.containerPort()).isEqualTo(8080);
        assertThat(in.ingressPort()).isEqualTo(99);
        assertThat(in.localCluster()).isEqualTo("local:http-four");
        assertThat(in.timeouts()).isEqualTo(new Timeouts(Duration.ofSeconds(2), Duration.ZERO));
        assertThat(plan.redirects()).isEmpty();
        assertThat(plan.ingressPorts()).isEqualTo(Map.of("http-four", 99));
    }

    @Test
    void theProxyNeverPicksAPortTheTaskUses() {
        List<PortMapping> ports = List.of(Yelb.port("yelb-appserver", 4567, "http"),
                Yelb.port("admin", 15000, null), Yelb.port("debug", 15002, null));
        NamespaceCatalog catalog = new NamespaceCatalog(Yelb.NS_ARN, Yelb.NS, List.of(
                Yelb.endpoint("yelb-appserver.yelb.lb.internal", 4567, "yelb-appserver", AppProtocol.HTTP),
                Yelb.endpoint("other", 15001, "other", AppProtocol.TCP)));
        TaskPlan plan = plan(Yelb.APPSERVER, ports, catalog, Map.of());
        assertThat(plan.ingress().getFirst().listenerPort()).isEqualTo(15003);
        // sorted by name: "other" keeps its own port, the app's own alias moves past every taken port
        assertThat(plan.egress()).extracting(EgressListener::dnsName, EgressListener::listenerPort).containsExactly(
                org.assertj.core.groups.Tuple.tuple("other", 15001),
                org.assertj.core.groups.Tuple.tuple("yelb-appserver.yelb.lb.internal", 15004));
    }

    @Test
    void anOverrideOnTheAppsOwnPortCannotBeHonoured() {
        ServiceConnectConfiguration config = Yelb.config("""
                {"enabled": true, "services": [{"portName": "http", "ingressPortOverride": 8080,
                  "clientAliases": [{"port": 80}]}]}""");
        assertThatThrownBy(() -> plan(config, List.of(Yelb.port("http", 8080, null)),
                new NamespaceCatalog("ns-arn", "ns", List.of()), Map.of()))
                .isInstanceOf(ServiceConnectException.class)
                .hasMessageContaining("ingressPortOverride 8080").hasMessageContaining("cannot both listen");
    }

    @Test
    void anExhaustedVipPoolFailsThePlanWithItsReason() {
        VipPool tiny = new VipPool(2);
        assertThatThrownBy(() -> TaskPlanner.plan(new PlanRequest("t", "c", "cl", "svc", Yelb.UI, Yelb.catalog(),
                Yelb.UI_PORTS, Map.of()), tiny)).isInstanceOf(VipPoolExhaustedException.class)
                .hasMessageContaining("yelb-redis.yelb.cloudmap.internal");
    }

    @Test
    void proxyLogsGoToTheServiceConnectLogConfiguration() {
        TaskPlan ui = plan(Yelb.UI, Yelb.UI_PORTS, Yelb.catalog(), Map.of());
        assertThat(ui.logging()).isEqualTo(new ProxyLogging("ecs/serviceconnectdemo", "ui-envoy", null, false));

        ServiceConnectConfiguration withAccess = Yelb.config("""
                {"enabled": true, "logConfiguration": {"logDriver": "awslogs",
                  "options": {"awslogs-group": "g", "awslogs-stream-prefix": "p"}},
                 "accessLogConfiguration": {"format": "JSON", "includeQueryParameters": "ENABLED"}}""");
        assertThat(plan(withAccess, List.of(), Yelb.catalog(), Map.of()).logging())
                .isEqualTo(new ProxyLogging("g", "p", ProxyLogging.AccessLogFormat.JSON, true));

        ServiceConnectConfiguration accessOnly = Yelb.config("""
                {"enabled": true, "accessLogConfiguration": {"format": "TEXT"}}""");
        TaskPlan plan = plan(accessOnly, List.of(), Yelb.catalog(), Map.of());
        assertThat(plan.logging()).isEqualTo(ProxyLogging.NONE);
        assertThat(plan.warnings()).anySatisfy(w -> assertThat(w).contains("accessLogConfiguration is ignored"));
    }

    @Test
    void drainTimeAndLiveEndpointsComeFromTheTasksServiceTags() {
        TaskPlan plan = plan(Yelb.UI, Yelb.UI_PORTS, Yelb.catalog(),
                Map.of("mooring:service-connect:drain-seconds", "2", "mooring:service-connect:live-endpoints",
                        "true"));
        assertThat(plan.drainTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(plan.liveEndpoints()).isTrue();
        assertThat(plan(Yelb.UI, Yelb.UI_PORTS, Yelb.catalog(), Map.of()).drainTimeout())
                .isEqualTo(Duration.ofSeconds(20));
    }
}
