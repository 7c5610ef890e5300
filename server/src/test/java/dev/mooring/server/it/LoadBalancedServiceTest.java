package dev.mooring.server.it;

import static dev.mooring.server.it.RealMooring.PYTHON;
import static dev.mooring.server.it.RealMooring.address;
import static dev.mooring.server.it.RealMooring.exec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecs.model.PortMapping;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerSchemeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthStateEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;

/**
 * An ECS service behind a target group, with real task processes: its tasks are registered by address and container
 * port once RUNNING, the load balancer's health checks reach them, and a task the service scales away is deregistered
 * and drains for the deregistration delay while it still runs, and only then is stopped.
 */
class LoadBalancedServiceTest {
    static final String CLUSTER = "behind-alb";

    @TempDir
    static Path stateDir;
    static RealMooring mooring;
    static ElasticLoadBalancingV2Client elb;

    @BeforeAll
    static void start() throws Exception {
        mooring = RealMooring.start(stateDir);
        elb = mooring.elb();
        mooring.ecs().createCluster(b -> b.clusterName(CLUSTER));
        mooring.register("appserver", exec("appserver", PYTHON, "-c", ServiceDiscoveryTest.WEB_SERVER)
                .portMappings(PortMapping.builder().containerPort(8080).protocol("tcp").build()).build());
    }

    @AfterAll
    static void stop() {
        if (mooring != null) {
            elb.close();
            mooring.close();
        }
    }

    private static Map<String, TargetHealthStateEnum> health(String tg) {
        return elb.describeTargetHealth(b -> b.targetGroupArn(tg)).targetHealthDescriptions().stream()
                .collect(Collectors.toMap(d -> d.target().id() + ":" + d.target().port(),
                        (TargetHealthDescription d) -> d.targetHealth().state()));
    }

    @Test
    void aTaskFailingTheLoadBalancersHealthChecksIsReplaced() {
        mooring.register("sick", exec("sick", PYTHON, "-c", """
                import http.server
                class Sick(http.server.BaseHTTPRequestHandler):
                    def do_GET(self):
                        self.send_response(500)
                        self.send_header('Content-Length', '0')
                        self.end_headers()
                http.server.ThreadingHTTPServer(('0.0.0.0', 8080), Sick).serve_forever()
                """).portMappings(PortMapping.builder().containerPort(8080).protocol("tcp").build()).build());
        String lb = elb.createLoadBalancer(b -> b.name("sick").scheme(LoadBalancerSchemeEnum.INTERNAL))
                .loadBalancers().getFirst().loadBalancerArn();
        String tg = elb.createTargetGroup(b -> b.name("sick").protocol(ProtocolEnum.HTTP).port(8080)
                .vpcId("vpc-1").targetType(TargetTypeEnum.IP).healthCheckIntervalSeconds(5)
                .healthCheckTimeoutSeconds(2)).targetGroups().getFirst().targetGroupArn();
        elb.modifyTargetGroupAttributes(b -> b.targetGroupArn(tg).attributes(a -> a
                .key("deregistration_delay.timeout_seconds").value("0")));
        elb.createListener(b -> b.loadBalancerArn(lb).protocol(ProtocolEnum.HTTP).port(80)
                .defaultActions(a -> a.type(ActionTypeEnum.FORWARD).targetGroupArn(tg)));
        mooring.ecs().createService(b -> b.cluster(CLUSTER).serviceName("sick").taskDefinition("sick")
                .desiredCount(1).launchType("FARGATE").healthCheckGracePeriodSeconds(0)
                .loadBalancers(l -> l.targetGroupArn(tg).containerName("sick").containerPort(8080)));
        Task first = mooring.awaitRunning(CLUSTER, "sick", 1, Duration.ofSeconds(60)).getFirst();

        Task stopped = mooring.awaitTask(CLUSTER, first.taskArn(), t -> "STOPPED".equals(t.lastStatus()),
                Duration.ofSeconds(60));
        assertThat(stopped.stoppedReason()).isEqualTo("Task failed ELB health checks in (target-group " + tg + ")");
        assertThat(mooring.ecs().describeServices(b -> b.cluster(CLUSTER).services("sick")).services().getFirst()
                .events()).anySatisfy(e -> assertThat(e.message()).isEqualTo("(service sick) (task "
                        + RealMooring.taskId(first.taskArn()) + ") (port 8080) is unhealthy in (target-group " + tg
                        + ") due to (reason Health checks failed with these codes: [500])."));
        // and the service starts a replacement
        await().atMost(Duration.ofSeconds(60)).until(() -> mooring.serviceTasks(CLUSTER, "sick").stream()
                .anyMatch(t -> !t.taskArn().equals(first.taskArn())));
        mooring.ecs().updateService(b -> b.cluster(CLUSTER).service("sick").desiredCount(0));
    }

    @Test
    void tasksRegisterWhenRunningAndDrainBeforeTheyStop() {
        String lb = elb.createLoadBalancer(b -> b.name("appserver").scheme(LoadBalancerSchemeEnum.INTERNAL))
                .loadBalancers().getFirst().loadBalancerArn();
        String tg = elb.createTargetGroup(b -> b.name("appserver").protocol(ProtocolEnum.HTTP).port(8080)
                .vpcId("vpc-1").targetType(TargetTypeEnum.IP).healthCheckIntervalSeconds(5)
                .healthCheckTimeoutSeconds(2).healthyThresholdCount(2)).targetGroups().getFirst().targetGroupArn();
        elb.modifyTargetGroupAttributes(b -> b.targetGroupArn(tg).attributes(a -> a
                .key("deregistration_delay.timeout_seconds").value("4")));
        elb.createListener(b -> b.loadBalancerArn(lb).protocol(ProtocolEnum.HTTP).port(4567)
                .defaultActions(a -> a.type(ActionTypeEnum.FORWARD).targetGroupArn(tg)));

        mooring.ecs().createService(b -> b.cluster(CLUSTER).serviceName("appserver").taskDefinition("appserver")
                .desiredCount(2).launchType("FARGATE").loadBalancers(l -> l.targetGroupArn(tg)
                        .containerName("appserver").containerPort(8080)));
        List<Task> tasks = mooring.awaitRunning(CLUSTER, "appserver", 2, Duration.ofSeconds(60));
        List<String> expected = tasks.stream().map(t -> address(t) + ":8080").sorted().toList();
        // real health checks of the task processes, through the task network
        await().atMost(Duration.ofSeconds(30)).until(() -> health(tg).keySet().stream().sorted().toList()
                .equals(expected) && health(tg).values().stream().allMatch(s -> s == TargetHealthStateEnum.HEALTHY));

        mooring.ecs().updateService(b -> b.cluster(CLUSTER).service("appserver").desiredCount(1));
        await().atMost(Duration.ofSeconds(30)).until(() -> health(tg).containsValue(TargetHealthStateEnum.DRAINING));
        String draining = health(tg).entrySet().stream().filter(e -> e.getValue() == TargetHealthStateEnum.DRAINING)
                .map(Map.Entry::getKey).findFirst().orElseThrow();
        Task leaving = tasks.stream().filter(t -> draining.equals(address(t) + ":8080")).findFirst().orElseThrow();
        // the task still runs while its target drains: SIGTERM waits for the deregistration delay
        assertThat(mooring.describe(CLUSTER, leaving.taskArn()).lastStatus()).isEqualTo("RUNNING");

        mooring.awaitTask(CLUSTER, leaving.taskArn(), t -> "STOPPED".equals(t.lastStatus()), Duration.ofSeconds(60));
        assertThat(health(tg)).doesNotContainKey(draining).hasSize(1)
                .containsValue(TargetHealthStateEnum.HEALTHY);
    }
}
