package dev.mooring.server.it;

import static dev.mooring.server.it.RealMooring.PYTHON;
import static dev.mooring.server.it.RealMooring.exec;
import static dev.mooring.server.it.RealMooring.taskId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mooring.elb.dataplane.AlbMetrics;
import dev.mooring.metrics.Dimensions;
import dev.mooring.metrics.MetricKey;
import dev.mooring.metrics.MetricRegistry;
import dev.mooring.metrics.Statistics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecs.model.PortMapping;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerSchemeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthStateEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;

/**
 * Traffic through an internal load balancer's listener on its own task-network address: a client task calls it by its
 * DNS name, and the requests are spread round robin over the ECS service's two tasks.
 */
class AlbTrafficTest {
    @TempDir
    static Path stateDir;
    static RealMooring mooring;
    static ElasticLoadBalancingV2Client elb;

    @BeforeAll
    static void start() throws Exception {
        mooring = RealMooring.start(stateDir);
        elb = mooring.elb();
    }

    @AfterAll
    static void stop() {
        if (mooring != null) {
            elb.close();
            mooring.close();
        }
    }

    @Test
    void aTaskReachesTheServiceThroughTheLoadBalancersName() throws Exception {
        mooring.ecs().createCluster(b -> b.clusterName("alb"));
        mooring.register("app", exec("app", PYTHON, "-c", ServiceDiscoveryTest.WEB_SERVER)
                .portMappings(PortMapping.builder().containerPort(8080).protocol("tcp").build()).build());
        var lb = elb.createLoadBalancer(b -> b.name("app").scheme(LoadBalancerSchemeEnum.INTERNAL))
                .loadBalancers().getFirst();
        String tg = elb.createTargetGroup(b -> b.name("app").protocol(ProtocolEnum.HTTP).port(8080).vpcId("vpc-1")
                .targetType(TargetTypeEnum.IP).healthCheckIntervalSeconds(5).healthCheckTimeoutSeconds(2))
                .targetGroups().getFirst().targetGroupArn();
        elb.createListener(b -> b.loadBalancerArn(lb.loadBalancerArn()).protocol(ProtocolEnum.HTTP).port(4567)
                .defaultActions(a -> a.type(ActionTypeEnum.FORWARD).targetGroupArn(tg)));
        mooring.ecs().createService(b -> b.cluster("alb").serviceName("app").taskDefinition("app").desiredCount(2)
                .launchType("FARGATE").loadBalancers(l -> l.targetGroupArn(tg).containerName("app")
                        .containerPort(8080)));
        await().atMost(Duration.ofSeconds(60)).until(() -> elb.describeTargetHealth(b -> b.targetGroupArn(tg))
                .targetHealthDescriptions().stream().filter(d -> d.targetHealth().state()
                        == TargetHealthStateEnum.HEALTHY).count() == 2);

        // from the host, on the load balancer's address
        String address = elb.describeLoadBalancers(b -> b.loadBalancerArns(lb.loadBalancerArn())).loadBalancers()
                .getFirst().availabilityZones().getFirst().loadBalancerAddresses().getFirst().ipAddress();
        HttpClient http = HttpClient.newHttpClient();
        Set<String> answered = new HashSet<>();
        Map<Integer, Integer> statuses = new TreeMap<>();
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> {
            int status = http.send(HttpRequest.newBuilder(URI.create("http://" + address + ":4567/")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode();
            statuses.merge(status, 1, Integer::sum);
            return status == 200;
        });
        for (int i = 0; i < 4; i++) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://" + address + ":4567/"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            statuses.merge(200, 1, Integer::sum);
            answered.add(r.body());
        }
        assertThat(answered).hasSize(2);

        // the metrics count exactly what the host saw (the caller task below adds its own traffic later)
        MetricRegistry metrics = mooring.server().metrics();
        Dimensions byLb = Dimensions.of("LoadBalancer", AlbMetrics.loadBalancerDimension(lb.loadBalancerArn()));
        Dimensions byGroup = Dimensions.of("TargetGroup", AlbMetrics.targetGroupDimension(tg), "LoadBalancer",
                byLb.get("LoadBalancer"));
        Instant since = Instant.now().minusSeconds(300);
        Function<String, Statistics> lbStat = m -> metrics.statistics(new MetricKey(AlbMetrics.NAMESPACE, m, byLb),
                since);
        Function<String, Statistics> groupStat = m -> metrics.statistics(new MetricKey(AlbMetrics.NAMESPACE, m,
                byGroup), since);
        int ok = statuses.get(200);
        int elb5xx = statuses.entrySet().stream().filter(e -> e.getKey() >= 500).mapToInt(Map.Entry::getValue).sum();
        await().atMost(Duration.ofSeconds(5)).until(() -> groupStat.apply("TargetResponseTime").sampleCount() == ok);
        assertThat(groupStat.apply("HTTPCode_Target_2XX_Count").sum()).isEqualTo((double) ok);
        assertThat(lbStat.apply("HTTPCode_Target_2XX_Count").sum()).isEqualTo((double) ok);
        assertThat(lbStat.apply("HTTPCode_ELB_5XX_Count").sum()).as("statuses %s", statuses)
                .isEqualTo((double) elb5xx);
        assertThat(lbStat.apply("RequestCount").sum()).as("statuses %s", statuses)
                .isEqualTo((double) (ok + statuses.getOrDefault(502, 0) + statuses.getOrDefault(504, 0)));
        assertThat(groupStat.apply("HealthyHostCount").maximum()).isEqualTo(2.0);
        assertThat(groupStat.apply("UnHealthyHostCount").maximum()).isZero();

        // from a task, by the load balancer's DNS name
        mooring.register("caller", exec("caller", PYTHON, "-c", """
                import time, urllib.request
                while True:
                    try:
                        print('got: ' + urllib.request.urlopen('http://%s:4567/', timeout=2).read().decode(), flush=True)
                    except Exception as e:
                        print('failed: ' + repr(e), flush=True)
                    time.sleep(0.5)
                """.formatted(lb.dnsName())).build());
        String caller = mooring.ecs().runTask(b -> b.cluster("alb").taskDefinition("caller").launchType("FARGATE"))
                .tasks().getFirst().taskArn();
        await().atMost(Duration.ofSeconds(30)).until(() -> mooring.logLines(taskId(caller), "caller").stream()
                .filter(l -> l.startsWith("got: hello from ")).distinct().count() == 2);
    }
}
