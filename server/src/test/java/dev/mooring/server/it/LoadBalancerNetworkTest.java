package dev.mooring.server.it;

import static dev.mooring.server.it.RealMooring.PYTHON;
import static dev.mooring.server.it.RealMooring.exec;
import static dev.mooring.server.it.RealMooring.taskId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.mooring.runtime.net.Host;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerSchemeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerStateEnum;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.RRType;

/**
 * A load balancer's place in the task network (process runtime): an address of its own on the bridge, its DNS name
 * and a private hosted zone alias (the sample's {@code yelb-appserver.yelb.lb.internal}) resolving to it through
 * Mooring's DNS, a task reaching that address by name, and the address given back when the load balancer goes.
 */
class LoadBalancerNetworkTest {
    @TempDir
    static Path stateDir;
    static RealMooring mooring;
    static ElasticLoadBalancingV2Client elb;
    static Route53Client route53;

    @BeforeAll
    static void start() throws Exception {
        mooring = RealMooring.start(stateDir);
        elb = mooring.elb();
        route53 = mooring.route53();
    }

    @AfterAll
    static void stop() {
        if (mooring != null) {
            elb.close();
            route53.close();
            mooring.close();
        }
    }

    private static List<String> bridgeAddresses() {
        return Host.run(List.of("ip", "-o", "-4", "addr", "show", "dev", mooring.bridge)).lines()
                .map(l -> l.replaceAll(".* inet ([0-9.]+)/.*", "$1")).toList();
    }

    @Test
    void anInternalLoadBalancerIsReachedByTasksThroughItsNameAndAnAlias() throws Exception {
        String arn = elb.createLoadBalancer(b -> b.name("appserver").scheme(LoadBalancerSchemeEnum.INTERNAL)
                .subnets("subnet-1")).loadBalancers().getFirst().loadBalancerArn();
        await().atMost(Duration.ofSeconds(10)).until(() -> elb.describeLoadBalancers(b -> b.loadBalancerArns(arn))
                .loadBalancers().getFirst().state().code() == LoadBalancerStateEnum.ACTIVE);
        LoadBalancer lb = elb.describeLoadBalancers(b -> b.loadBalancerArns(arn)).loadBalancers().getFirst();
        String address = lb.availabilityZones().getFirst().loadBalancerAddresses().getFirst().ipAddress();
        assertThat(address).startsWith(mooring.cidr.substring(0, mooring.cidr.lastIndexOf('.')));
        assertThat(bridgeAddresses()).contains(address);
        await().atMost(Duration.ofSeconds(5)).until(() -> mooring.dig(lb.dnsName()).equals(List.of(address)));

        String zone = route53.createHostedZone(b -> b.name("yelb.lb.internal").callerReference("it-1")
                .vpc(v -> v.vpcId("vpc-1").vpcRegion("us-east-1"))).hostedZone().id();
        route53.changeResourceRecordSets(b -> b.hostedZoneId(zone).changeBatch(c -> c.changes(ch -> ch
                .action(ChangeAction.CREATE).resourceRecordSet(r -> r.name("yelb-appserver.yelb.lb.internal")
                        .type(RRType.A).setIdentifier("yelb-appserver").region("us-east-1")
                        .aliasTarget(a -> a.hostedZoneId(lb.canonicalHostedZoneId()).dnsName(lb.dnsName())
                                .evaluateTargetHealth(false))))));
        await().atMost(Duration.ofSeconds(5)).until(() -> mooring.dig("yelb-appserver.yelb.lb.internal")
                .equals(List.of(address)));

        // stand in for the load balancer's listener on its address, and let a task call it by the alias
        HttpServer listener = HttpServer.create(new InetSocketAddress(InetAddress.getByName(address), 4567), 0);
        listener.createContext("/", ex -> {
            byte[] body = "reached the load balancer address".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        listener.start();
        try {
            mooring.ecs().createCluster(b -> b.clusterName("lbnet"));
            mooring.register("caller", exec("caller", PYTHON, "-c", """
                    import time, urllib.request
                    while True:
                        try:
                            r = urllib.request.urlopen('http://yelb-appserver.yelb.lb.internal:4567/', timeout=2)
                            print('got: ' + r.read().decode(), flush=True)
                        except Exception as e:
                            print('failed: ' + repr(e), flush=True)
                        time.sleep(0.5)
                    """).build());
            String task = mooring.ecs().runTask(b -> b.cluster("lbnet").taskDefinition("caller").launchType("FARGATE"))
                    .tasks().getFirst().taskArn();
            await().atMost(Duration.ofSeconds(30)).until(() -> mooring.logLines(taskId(task), "caller").stream()
                    .anyMatch(l -> l.equals("got: reached the load balancer address")));
            mooring.ecs().stopTask(b -> b.cluster("lbnet").task(task));
        } finally {
            listener.stop(0);
        }

        elb.deleteLoadBalancer(b -> b.loadBalancerArn(arn));
        await().atMost(Duration.ofSeconds(10)).until(() -> !bridgeAddresses().contains(address));
        await().atMost(Duration.ofSeconds(5)).until(() -> mooring.dig(lb.dnsName()).isEmpty());
    }
}
