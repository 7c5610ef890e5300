package dev.mooring.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mooring.connect.endpoints.EndpointHost;
import dev.mooring.connect.endpoints.EndpointSnapshot;
import dev.mooring.connect.plan.AppProtocol;
import dev.mooring.connect.plan.NamespaceCatalog;
import dev.mooring.connect.plan.NamespaceCatalogs;
import dev.mooring.connect.plan.NamespaceEndpoint;
import dev.mooring.connect.plan.TaskPlan;
import dev.mooring.connect.plan.VipPool;
import dev.mooring.control.ecs.StoredTask;
import dev.mooring.control.ecs.TaskDefinition;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent over a real control plane (simulated runtime) running the YELB sample's four services. */
class ServiceConnectAgentTest {
    @TempDir
    Path dir;
    ControlPlaneFixture mooring;
    ServiceConnectAgent agent;
    String namespaceArn;
    final List<EndpointSnapshot> pushed = new ArrayList<>();
    final List<TaskPlan> grown = new ArrayList<>();
    /** The agent's clock: the withdrawal grace runs only when a test moves it. */
    final MutableClock clock = new MutableClock();

    static final class MutableClock extends java.time.Clock {
        volatile java.time.Instant now = java.time.Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public java.time.Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public java.time.Instant instant() {
            return now;
        }
    }

    @BeforeEach
    void yelb() throws InterruptedException {
        mooring = new ControlPlaneFixture(dir);
        agent = new ServiceConnectAgent(mooring.control().ecs().tables(), mooring.control().cloudMap(),
                new VipPool(), clock);
        agent.addListener(new ServiceConnectAgent.Listener() {
            @Override
            public void snapshot(EndpointSnapshot snapshot) {
                pushed.add(snapshot);
            }

            @Override
            public void planChanged(TaskPlan before, TaskPlan after) {
                grown.add(after);
            }
        });
        mooring.cloudMap("CreateHttpNamespace", "{\"Name\": \"yelb.sc.internal\"}");
        namespaceArn = await().until(() -> mooring.cloudMap("ListNamespaces", "{}").get("Namespaces"),
                n -> n.size() == 1).get(0).get("Arn").asText();
        mooring.ecs("CreateCluster", "{\"clusterName\": \"yelb\"}");
        taskDefinition("yelb-appserver", 4567, "http", false);
        taskDefinition("yelb-db", 5432, null, false);
        taskDefinition("yelb-redis", 6379, null, false);
        taskDefinition("yelb-ui", 80, "http", false);
        service("yelb-db", 1, serverConfig("yelb-db", 5432, "yelb-db.yelb.cloudmap.internal"), "");
        service("yelb-redis", 1, serverConfig("yelb-redis", 6379, "yelb-redis.yelb.cloudmap.internal"), "");
        service("yelb-appserver", 3, serverConfig("yelb-appserver", 4567, "yelb-appserver.yelb.lb.internal"),
                ", \"tags\": [{\"key\": \"mooring:service-connect:retries\", \"value\": \"0\"}]");
        service("yelb-ui", 1, "{\"enabled\": true, \"namespace\": \"yelb.sc.internal\"}", "");
        await().atMost(Duration.ofSeconds(20)).until(() -> running().size() == 6);
    }

    @AfterEach
    void close() {
        mooring.close();
    }

    private void taskDefinition(String family, int port, String appProtocol, boolean healthCheck) {
        mooring.ecs("RegisterTaskDefinition", """
                {"family": "%s", "networkMode": "awsvpc", "cpu": "256", "memory": "512",
                 "containerDefinitions": [{"name": "%s", "image": "mooring/exec", "command": ["sleep", "1000"],
                   %s
                   "portMappings": [{"name": "%s", "containerPort": %d %s}]}]}"""
                .formatted(family, family, healthCheck ? "\"healthCheck\": {\"command\": [\"CMD-SHELL\", \"true\"]},"
                        : "", family, port, appProtocol == null ? "" : ", \"appProtocol\": \"" + appProtocol + "\""));
    }

    private static String serverConfig(String portName, int port, String dnsName) {
        return """
                {"enabled": true, "namespace": "yelb.sc.internal",
                 "services": [{"portName": "%s", "clientAliases": [{"port": %d, "dnsName": "%s"}]}]}"""
                .formatted(portName, port, dnsName);
    }

    private void service(String name, int count, String serviceConnect, String more) {
        mooring.ecs("CreateService", """
                {"cluster": "yelb", "serviceName": "%s", "taskDefinition": "%s", "desiredCount": %d,
                 "launchType": "FARGATE", "serviceConnectConfiguration": %s %s}"""
                .formatted(name, name, count, serviceConnect, more));
    }

    private List<StoredTask> running() {
        return mooring.control().ecs().tables().tasks().stream()
                .filter(t -> t.task().lastStatus() == dev.mooring.task.TaskStatus.RUNNING).toList();
    }

    private StoredTask taskOf(String group) {
        return running().stream().filter(t -> t.task().group().equals("service:" + group)).findFirst()
                .orElseThrow();
    }

    private TaskDefinition td(StoredTask t) {
        return mooring.control().ecs().tables().taskDefinitions().get(t.task().taskDefinitionArn()).orElseThrow();
    }

    @Test
    void theNamespaceCatalogHasEveryAliasWithItsProtocolAndPolicy() {
        NamespaceCatalog catalog = NamespaceCatalogs.of(mooring.control().ecs().tables(), namespaceArn,
                "yelb.sc.internal");
        assertThat(catalog.endpoints()).extracting(NamespaceEndpoint::dnsName, NamespaceEndpoint::port,
                NamespaceEndpoint::discoveryName, NamespaceEndpoint::protocol).containsExactly(
                org.assertj.core.groups.Tuple.tuple("yelb-appserver.yelb.lb.internal", 4567, "yelb-appserver",
                        AppProtocol.HTTP),
                org.assertj.core.groups.Tuple.tuple("yelb-db.yelb.cloudmap.internal", 5432, "yelb-db",
                        AppProtocol.TCP),
                org.assertj.core.groups.Tuple.tuple("yelb-redis.yelb.cloudmap.internal", 6379, "yelb-redis",
                        AppProtocol.TCP));
        // the appserver's tag turns retries off toward it (containers-roadmap #1963); the others keep AWS's 2
        assertThat(catalog.endpoints()).extracting(e -> e.policy().retries().maxRetries()).containsExactly(0, 2, 2);
    }

    @Test
    void theSnapshotHasEveryRunningServerTaskAtItsIngressPort() {
        EndpointSnapshot s = agent.refresh();
        assertThat(s.hosts(namespaceArn, "yelb-appserver")).hasSize(3)
                .allSatisfy(h -> assertThat(h.port()).isEqualTo(4567))
                .allSatisfy(h -> assertThat(h.address()).startsWith("198.18."));
        assertThat(s.hosts(namespaceArn, "yelb-db")).extracting(EndpointHost::port).containsExactly(5432);
        assertThat(s.hosts(namespaceArn, "yelb-redis")).hasSize(1);
        assertThat(pushed).containsExactly(s);
        assertThat(agent.refresh()).isSameAs(s);
        assertThat(pushed).hasSize(1);
        // the UI is a client only: it serves no discovery name
        StoredTask ui = taskOf("yelb-ui");
        assertThat(agent.receivesTraffic(ui.task().taskId())).isFalse();
    }

    @Test
    void aStoppingTaskLeavesTheSnapshotAtOnce() {
        agent.refresh();
        StoredTask victim = taskOf("yelb-appserver");
        assertThat(agent.receivesTraffic(victim.task().taskId())).isTrue();
        mooring.ecs("StopTask", "{\"cluster\": \"yelb\", \"task\": \"" + victim.arn() + "\"}");
        EndpointSnapshot s = agent.refresh();
        assertThat(s.hosts(namespaceArn, "yelb-appserver")).extracting(EndpointHost::taskId)
                .doesNotContain(victim.task().taskId());
        // out of every host set, but a request that picked it just before may still be on its way
        assertThat(agent.receivesTraffic(victim.task().taskId())).isTrue();
        clock.now = clock.now.plus(ServiceConnectAgent.WITHDRAWAL_GRACE).plusMillis(1);
        assertThat(agent.receivesTraffic(victim.task().taskId())).isFalse();
        // the scheduler replaces it; the replacement joins once RUNNING
        await().atMost(Duration.ofSeconds(20)).until(() -> agent.refresh().hosts(namespaceArn, "yelb-appserver")
                .size() == 3);
    }

    @Test
    void aClientTaskIsPlannedWithEveryAliasAndKeepsItsNamesWhenTheNamespaceGrows() {
        StoredTask ui = taskOf("yelb-ui");
        TaskPlan plan = agent.planLaunch(ui, td(ui)).orElseThrow();
        assertThat(plan.hosts()).extracting(TaskPlan.HostEntry::hostname).containsExactly(
                "yelb-appserver.yelb.lb.internal", "yelb-db.yelb.cloudmap.internal",
                "yelb-redis.yelb.cloudmap.internal");
        assertThat(plan.ingress()).isEmpty();
        assertThat(plan.proxyContainerName()).startsWith("ecs-service-connect-").hasSize(25);
        assertThat(plan.namespaceName()).isEqualTo("yelb.sc.internal");

        taskDefinition("votes", 8080, "http", false);
        service("votes", 1, serverConfig("votes", 80, "votes"), "");
        await().atMost(Duration.ofSeconds(20)).until(() -> running().size() == 7);
        agent.refresh();

        // spec §4.5: the running task keeps its names; a task started now sees the new one
        assertThat(agent.plan(ui.task().taskId()).orElseThrow()).isEqualTo(plan);
        assertThat(grown).isEmpty();
        StoredTask db = taskOf("yelb-db");
        assertThat(agent.planLaunch(db, td(db)).orElseThrow().hosts()).hasSize(4);
    }

    @Test
    void withTheLiveEndpointsTagARunningTaskLearnsNewNames() {
        StoredTask ui = taskOf("yelb-ui");
        TaskPlan before = agent.planLaunch(ui, td(ui)).orElseThrow();
        mooring.ecs("TagResource", """
                {"resourceArn": "%s", "tags": [{"key": "mooring:service-connect:live-endpoints", "value": "true"}]}"""
                .formatted(ui.serviceArn()));
        // the plan was made before the tag: still fixed
        agent.refresh();
        assertThat(grown).isEmpty();

        agent.forget(ui.task().taskId());
        TaskPlan live = agent.planLaunch(ui, td(ui)).orElseThrow();
        assertThat(live.liveEndpoints()).isTrue();
        taskDefinition("votes", 8080, "http", false);
        service("votes", 1, serverConfig("votes", 80, "votes"), "");
        await().atMost(Duration.ofSeconds(20)).until(() -> running().size() == 7);
        agent.refresh();

        TaskPlan after = agent.plan(ui.task().taskId()).orElseThrow();
        assertThat(grown).containsExactly(after);
        assertThat(after.egress().subList(0, 3)).isEqualTo(before.egress());
        assertThat(after.egress().get(3).dnsName()).isEqualTo("votes");
        assertThat(after.hosts()).extracting(TaskPlan.HostEntry::hostname).endsWith("votes");
    }

    @Test
    void aTaskWithHealthChecksGetsTrafficOnlyOnceHealthy() {
        taskDefinition("checked", 9000, "http", true);
        service("checked", 1, serverConfig("checked", 9000, "checked"), "");
        await().atMost(Duration.ofSeconds(20)).until(() -> running().size() == 7);
        // the simulated runtime reports HEALTHY for checked containers once RUNNING
        await().atMost(Duration.ofSeconds(10)).until(() -> agent.refresh().hosts(namespaceArn, "checked").size()
                == 1);
        Optional<StoredTask> checked = running().stream()
                .filter(t -> t.task().group().equals("service:checked")).findFirst();
        assertThat(checked.orElseThrow().task().healthStatus()).isEqualTo(dev.mooring.task.HealthStatus.HEALTHY);
    }

    @Test
    void runTaskTasksAreNotServiceConnectTasks() {
        JsonNode run = mooring.ecs("RunTask", "{\"cluster\": \"yelb\", \"taskDefinition\": \"yelb-ui\"}");
        String arn = run.get("tasks").get(0).get("taskArn").asText();
        StoredTask t = mooring.control().ecs().tables().tasks().get(arn).orElseThrow();
        assertThat(agent.planLaunch(t, td(t))).isEmpty();
    }
}
