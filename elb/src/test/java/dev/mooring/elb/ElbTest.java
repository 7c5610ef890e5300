package dev.mooring.elb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.mooring.core.net.Ipv4Cidr;
import dev.mooring.core.operation.Operations;
import dev.mooring.core.operation.RequestContext;
import dev.mooring.core.operation.ServiceException;
import dev.mooring.elb.shape.Action;
import dev.mooring.elb.shape.ActionType;
import dev.mooring.elb.shape.Attribute;
import dev.mooring.elb.shape.LoadBalancer;
import dev.mooring.elb.shape.Protocol;
import dev.mooring.elb.shape.TargetDescription;
import dev.mooring.elb.shape.TargetGroup;
import dev.mooring.elb.shape.TargetHealth;
import dev.mooring.elb.shape.TargetHealthState;
import dev.mooring.elb.shape.TargetType;
import dev.mooring.store.Store;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ELBv2's domain behind the wire: all-or-nothing writes, durability, and the health checks' state machine. */
class ElbTest {
    @TempDir
    Path dir;

    private Store store;
    private Elb elb;

    @BeforeEach
    void open() {
        store = Store.open(dir);
        elb = new Elb(store, Clock.systemUTC(), List.of(Ipv4Cidr.LOOPBACK)).start();
    }

    @AfterEach
    void close() {
        elb.close();
        store.close();
    }

    @SuppressWarnings("unchecked")
    private <O> O call(String name, Object input) {
        Operations.Entry<Object, Object> e = (Operations.Entry<Object, Object>) elb.operations().find(name).orElseThrow();
        return (O) e.operation().handle(new RequestContext("r", "eu-west-1", "123456789012", Instant.now()), input);
    }

    private LoadBalancer loadBalancer(String name) {
        Results.LoadBalancers r = call("CreateLoadBalancer",
                new Requests.CreateLoadBalancer(name, List.of("s"), null, null, null, null, null, null, null));
        return r.loadBalancers().getFirst();
    }

    private TargetGroup targetGroup(String name, int port) {
        Results.TargetGroups r = call("CreateTargetGroup", new Requests.CreateTargetGroup(name, Protocol.HTTP, null,
                port, "vpc-1", null, null, null, "/health", 5, 2, 2, 2, null, TargetType.IP, null, null));
        return r.targetGroups().getFirst();
    }

    private static Action forward(String tg) {
        return new Action(ActionType.FORWARD, tg, null, null, null, null);
    }

    private TargetHealth health(String tg) {
        Results.TargetHealthDescriptions r = call("DescribeTargetHealth",
                new Requests.DescribeTargetHealth(tg, null, null));
        return r.targetHealthDescriptions().getFirst().targetHealth();
    }

    @Test
    void aRejectedCallChangesNothing() {
        LoadBalancer lb = loadBalancer("lb");
        TargetGroup tg = targetGroup("tg", 8080);
        // the load balancers' own pass activates it: let that write land before counting writes
        await().atMost(Duration.ofSeconds(10)).until(() -> elb.tables().loadBalancers().all().getFirst()
                .loadBalancer().state().code() == dev.mooring.elb.shape.LoadBalancerStateCode.ACTIVE);
        long generation = store.generation();

        // the second target is outside Mooring's networks: the first must not be registered either
        assertThatThrownBy(() -> call("RegisterTargets", new Requests.RegisterTargets(tg.targetGroupArn(), List.of(
                new TargetDescription("127.0.0.2", null, null), new TargetDescription("8.8.8.8", null, null)))))
                .isInstanceOf(ServiceException.class).extracting(e -> ((ServiceException) e).code())
                .isEqualTo("InvalidTarget");
        // a listener whose second target group is unknown leaves no listener behind
        assertThatThrownBy(() -> call("CreateListener", new Requests.CreateListener(lb.loadBalancerArn(),
                Protocol.HTTP, 80, null, null, List.of(new Action(ActionType.FORWARD, null, null, null, null,
                new dev.mooring.elb.shape.ForwardActionConfig(List.of(
                        new dev.mooring.elb.shape.TargetGroupTuple(tg.targetGroupArn(), 1),
                        new dev.mooring.elb.shape.TargetGroupTuple(tg.targetGroupArn() + "0", 1)), null))),
                null, null))).extracting(e -> ((ServiceException) e).code()).isEqualTo("TargetGroupNotFound");
        // one bad attribute among good ones changes none of them
        assertThatThrownBy(() -> call("ModifyTargetGroupAttributes", new Requests.ModifyTargetGroupAttributes(
                tg.targetGroupArn(), List.of(new Attribute("deregistration_delay.timeout_seconds", "20"),
                new Attribute("stickiness.enabled", "maybe"))))).isInstanceOf(ServiceException.class);

        assertThat(store.generation()).isEqualTo(generation);
    }

    @Test
    void aTargetGroupServesOneLoadBalancer() {
        LoadBalancer a = loadBalancer("a");
        LoadBalancer b = loadBalancer("b");
        TargetGroup tg = targetGroup("tg", 8080);
        call("CreateListener", new Requests.CreateListener(a.loadBalancerArn(), Protocol.HTTP, 80, null, null,
                List.of(forward(tg.targetGroupArn())), null, null));

        assertThatThrownBy(() -> call("CreateListener", new Requests.CreateListener(b.loadBalancerArn(),
                Protocol.HTTP, 80, null, null, List.of(forward(tg.targetGroupArn())), null, null)))
                .extracting(e -> ((ServiceException) e).code()).isEqualTo("TargetGroupAssociationLimit");
        // a second listener of the same load balancer may use it
        call("CreateListener", new Requests.CreateListener(a.loadBalancerArn(), Protocol.HTTP, 81, null, null,
                List.of(forward(tg.targetGroupArn())), null, null));
    }

    @Test
    void everythingSurvivesARestart() {
        LoadBalancer lb = loadBalancer("durable");
        TargetGroup tg = targetGroup("tg", 8080);
        call("RegisterTargets", new Requests.RegisterTargets(tg.targetGroupArn(),
                List.of(new TargetDescription("127.0.0.3", 9000, null))));
        elb.close();
        store.close();

        store = Store.open(dir);
        elb = new Elb(store, Clock.systemUTC(), List.of(Ipv4Cidr.LOOPBACK));
        Results.LoadBalancers lbs = call("DescribeLoadBalancers",
                new Requests.DescribeLoadBalancers(null, List.of("durable"), null, null));
        assertThat(lbs.loadBalancers()).extracting(LoadBalancer::dnsName).containsExactly(lb.dnsName());
        Results.TargetHealthDescriptions th = call("DescribeTargetHealth",
                new Requests.DescribeTargetHealth(tg.targetGroupArn(), null, null));
        assertThat(th.targetHealthDescriptions()).singleElement()
                .satisfies(d -> assertThat(d.target().port()).isEqualTo(9000));
    }

    @Test
    void healthChecksFollowThePathTheMatcherAndTheThresholds() throws Exception {
        AtomicInteger status = new AtomicInteger(200);
        AtomicInteger checks = new AtomicInteger();
        HttpServer target = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        target.createContext("/health", ex -> {
            checks.incrementAndGet();
            ex.sendResponseHeaders(status.get(), -1);
            ex.close();
        });
        target.start();
        try {
            LoadBalancer lb = loadBalancer("hc");
            TargetGroup tg = targetGroup("tg", target.getAddress().getPort());
            call("RegisterTargets", new Requests.RegisterTargets(tg.targetGroupArn(),
                    List.of(new TargetDescription("127.0.0.1", null, null))));
            assertThat(health(tg.targetGroupArn()).state()).isEqualTo(TargetHealthState.UNUSED);
            assertThat(checks.get()).isZero();

            call("CreateListener", new Requests.CreateListener(lb.loadBalancerArn(), Protocol.HTTP, 80, null, null,
                    List.of(forward(tg.targetGroupArn())), null, null));
            // the first check decides a new target
            await().atMost(Duration.ofSeconds(10)).until(() -> health(tg.targetGroupArn()).state()
                    == TargetHealthState.HEALTHY);

            status.set(503);
            await().atMost(Duration.ofSeconds(30)).until(() -> health(tg.targetGroupArn()).state()
                    == TargetHealthState.UNHEALTHY);
            // two failures in a row at a 5 s interval: the first failure alone does not turn it
            assertThat(checks.get()).isGreaterThanOrEqualTo(3);
            assertThat(health(tg.targetGroupArn())).isEqualTo(new TargetHealth(TargetHealthState.UNHEALTHY,
                    "Target.ResponseCodeMismatch", "Health checks failed with these codes: [503]"));

            status.set(200);
            await().atMost(Duration.ofSeconds(30)).until(() -> health(tg.targetGroupArn()).state()
                    == TargetHealthState.HEALTHY);
        } finally {
            target.stop(0);
        }
    }
}
