package dev.mooring.elb.dataplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.mooring.core.operation.Operations;
import dev.mooring.core.operation.RequestContext;
import dev.mooring.core.net.Ipv4Cidr;
import dev.mooring.elb.Elb;
import dev.mooring.elb.Requests;
import dev.mooring.elb.Results;
import dev.mooring.elb.shape.Action;
import dev.mooring.elb.shape.ActionType;
import dev.mooring.elb.shape.Attribute;
import dev.mooring.elb.shape.FixedResponseActionConfig;
import dev.mooring.elb.shape.ForwardActionConfig;
import dev.mooring.elb.shape.Protocol;
import dev.mooring.elb.shape.RuleCondition;
import dev.mooring.elb.shape.TargetDescription;
import dev.mooring.elb.shape.TargetGroupTuple;
import dev.mooring.elb.shape.TargetType;
import dev.mooring.elb.shape.ValuesConfig;
import dev.mooring.metrics.Dimensions;
import dev.mooring.metrics.MetricKey;
import dev.mooring.metrics.MetricRegistry;
import dev.mooring.metrics.Statistics;
import dev.mooring.proxy.DataPlane;
import dev.mooring.store.Store;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An internet-facing load balancer's listener on loopback, in front of real HTTP targets: ALB's answers. */
class AlbDataPlaneTest {
    @TempDir
    Path dir;

    private Store store;
    private Elb elb;
    private DataPlane plane;
    private final MetricRegistry registry = new MetricRegistry();
    private final AlbMetrics metrics = new AlbMetrics(registry);
    private int port;
    private final List<HttpServer> targets = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void open() throws IOException {
        try (ServerSocket free = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        store = Store.open(dir);
        plane = DataPlane.create(metrics, 1);
        elb = new Elb(store, Clock.systemUTC(), List.of(Ipv4Cidr.LOOPBACK))
                .serveOn(plane, new AlbDataPlane.LoopbackPorts(port, port), metrics).start();
    }

    @AfterEach
    void close() {
        targets.forEach(t -> t.stop(0));
        elb.close();
        plane.close();
        store.close();
    }

    @SuppressWarnings("unchecked")
    private <O> O call(String name, Object input) {
        Operations.Entry<Object, Object> e = (Operations.Entry<Object, Object>) elb.operations().find(name)
                .orElseThrow();
        return (O) e.operation().handle(new RequestContext("r", "eu-west-1", "123456789012", Instant.now()), input);
    }

    /** A target answering its name, after {@code delayMillis} (health checks at once, unless it is slow for all). */
    /** Traffic requests (not health checks) each target is serving right now, by target name. */
    private final Map<String, java.util.concurrent.atomic.AtomicInteger> inFlight =
            new java.util.concurrent.ConcurrentHashMap<>();

    private int target(String name, long delayMillis) throws IOException {
        return target(name, delayMillis, true);
    }

    private int target(String name, long delayMillis, boolean slowHealthChecks) throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        s.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        s.createContext("/", ex -> {
            try {
                boolean check = "ELB-HealthChecker/2.0".equals(ex.getRequestHeaders().getFirst("User-Agent"));
                if (!check) {
                    inFlight.computeIfAbsent(name, k -> new java.util.concurrent.atomic.AtomicInteger())
                            .incrementAndGet();
                }
                Thread.sleep(check && !slowHealthChecks ? 0 : delayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] body = name.getBytes(StandardCharsets.UTF_8);
            inFlight.computeIfPresent(name, (k, n) -> {
                n.decrementAndGet();
                return n;
            });
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        s.start();
        targets.add(s);
        return s.getAddress().getPort();
    }

    /** An internet-facing load balancer with one HTTP listener forwarding to a new target group; its ARN. */
    private String targetGroup(Map<String, String> lbAttributes) {
        Results.LoadBalancers lbs = call("CreateLoadBalancer",
                new Requests.CreateLoadBalancer("web", null, null, null, null, null, null, null, null));
        String lb = lbs.loadBalancers().getFirst().loadBalancerArn();
        if (!lbAttributes.isEmpty()) {
            call("ModifyLoadBalancerAttributes", new Requests.ModifyLoadBalancerAttributes(lb,
                    lbAttributes.entrySet().stream().map(e -> new Attribute(e.getKey(), e.getValue())).toList()));
        }
        Results.TargetGroups tgs = call("CreateTargetGroup", new Requests.CreateTargetGroup("web", Protocol.HTTP,
                null, 80, "vpc-1", null, null, null, "/", 5, 2, 2, 2, null, TargetType.IP, null, null));
        String tg = tgs.targetGroups().getFirst().targetGroupArn();
        call("CreateListener", new Requests.CreateListener(lb, Protocol.HTTP, 80, null, null,
                List.of(new Action(ActionType.FORWARD, tg, null, null, null, null)), null, null));
        return tg;
    }

    /** A second target group, not yet forwarded to, with one target answering its name; its ARN. */
    private String anotherTargetGroup(String name) throws IOException {
        Results.TargetGroups tgs = call("CreateTargetGroup", new Requests.CreateTargetGroup(name, Protocol.HTTP,
                null, 80, "vpc-1", null, null, null, "/", 5, 2, 2, 2, null, TargetType.IP, null, null));
        String arn = tgs.targetGroups().getFirst().targetGroupArn();
        register(arn, target(name, 0));
        return arn;
    }

    /** The ARN of the one listener of the one load balancer. */
    private String theListener() {
        Results.Listeners listeners = call("DescribeListeners", new Requests.DescribeListeners(
                ((Results.LoadBalancers) call("DescribeLoadBalancers", new Requests.DescribeLoadBalancers(null,
                        null, null, null))).loadBalancers().getFirst().loadBalancerArn(), null, null, null));
        return listeners.listeners().getFirst().listenerArn();
    }

    private void register(String tg, int... ports) {
        List<TargetDescription> list = new ArrayList<>();
        for (int p : ports) {
            list.add(new TargetDescription("127.0.0.1", p, null));
        }
        call("RegisterTargets", new Requests.RegisterTargets(tg, list));
    }

    private HttpResponse<String> get() throws Exception {
        return get("/");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private void awaitHealthy(String tg, int count) {
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            Results.TargetHealthDescriptions r = call("DescribeTargetHealth",
                    new Requests.DescribeTargetHealth(tg, null, null));
            return r.targetHealthDescriptions().stream()
                    .filter(d -> d.targetHealth().state().wire().equals("healthy")).count() == count;
        });
    }

    @Test
    void roundRobinAcrossThreeTargets() throws Exception {
        String tg = targetGroup(Map.of());
        register(tg, target("a", 0), target("b", 0), target("c", 0));
        awaitHealthy(tg, 3);
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> get().statusCode() == 200);
        Map<String, Integer> seen = new TreeMap<>();
        for (int i = 0; i < 30; i++) {
            HttpResponse<String> r = get();
            assertThat(r.statusCode()).isEqualTo(200);
            seen.merge(r.body(), 1, Integer::sum);
        }
        assertThat(seen).containsOnlyKeys("a", "b", "c").containsValues(10, 10, 10);
    }

    @Test
    void rulesRouteByPriorityBeforeTheDefaultAction() throws Exception {
        String web = targetGroup(Map.of());
        register(web, target("web", 0));
        String api = anotherTargetGroup("api");
        String listener = theListener();
        call("CreateRule", new Requests.CreateRule(listener, List.of(new RuleCondition("path-pattern", null, null,
                new ValuesConfig(List.of("/api/*")), null)), 10,
                List.of(new Action(ActionType.FORWARD, api, null, null, null, null)), null));
        call("CreateRule", new Requests.CreateRule(listener, List.of(new RuleCondition("path-pattern",
                List.of("/maintenance"), null, null, null)), 5, List.of(new Action(ActionType.FIXED_RESPONSE, null,
                null, null, new FixedResponseActionConfig("back soon", "503", "text/plain"), null)), null));
        awaitHealthy(web, 1);
        awaitHealthy(api, 1);
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> get("/api/votes").body().equals("api"));
        assertThat(get("/").body()).isEqualTo("web");
        assertThat(get("/api/votes").body()).isEqualTo("api");
        HttpResponse<String> maintenance = get("/maintenance");
        assertThat(maintenance.statusCode()).isEqualTo(503);
        assertThat(maintenance.body()).isEqualTo("back soon");
    }

    @Test
    void aForwardToSeveralTargetGroupsSplitsByWeight() throws Exception {
        String blue = targetGroup(Map.of());
        register(blue, target("blue", 0));
        String green = anotherTargetGroup("green");
        String listener = theListener();
        java.util.function.BiConsumer<Integer, Integer> weights = (b, g) -> call("ModifyListener",
                new Requests.ModifyListener(listener, null, null, null, null, List.of(new Action(ActionType.FORWARD,
                        null, null, null, null, new ForwardActionConfig(List.of(new TargetGroupTuple(blue, b),
                        new TargetGroupTuple(green, g)), null))), null));

        // a blue/green shift: all on green first, then half and half
        weights.accept(0, 1);
        awaitHealthy(green, 1);        // a group is health-checked once a listener forwards to it
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> get().body().equals("green"));
        for (int i = 0; i < 20; i++) {
            assertThat(get().body()).isEqualTo("green");
        }
        weights.accept(1, 1);
        awaitHealthy(blue, 1);
        Map<String, Integer> seen = new TreeMap<>();
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            seen.merge(get().body(), 1, Integer::sum);
            return seen.size() == 2;
        });
        for (int i = 0; i < 200; i++) {
            seen.merge(get().body(), 1, Integer::sum);
        }
        // 100 of each expected; the bounds are 5.6 standard deviations either side
        assertThat(seen).containsOnlyKeys("blue", "green");
        assertThat(seen.get("blue")).isBetween(60, 160);
    }

    @Test
    void aDrainingTargetFinishesItsRequestAndGetsNoNewOnes() throws Exception {
        String tg = targetGroup(Map.of());
        int slow = target("slow", 3000, false);
        int fast = target("fast", 0);
        register(tg, slow, fast);
        awaitHealthy(tg, 2);
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> get().statusCode() == 200);
        // the next request in turn may be either: send two, so that one of them is in flight on the slow target
        var first = http.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).build(),
                HttpResponse.BodyHandlers.ofString());
        var second = http.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).build(),
                HttpResponse.BodyHandlers.ofString());
        // deregister only once the slow target holds one of them, so that one is in flight while it drains
        await().atMost(Duration.ofSeconds(5)).until(() -> inFlight.containsKey("slow")
                && inFlight.get("slow").get() == 1);
        call("DeregisterTargets", new Requests.DeregisterTargets(tg,
                List.of(new TargetDescription("127.0.0.1", slow, null))));
        List<String> bodies = List.of(first.get(10, java.util.concurrent.TimeUnit.SECONDS).body(),
                second.get(10, java.util.concurrent.TimeUnit.SECONDS).body());
        assertThat(bodies).containsExactlyInAnyOrder("slow", "fast");
        await().atMost(Duration.ofSeconds(5)).until(() -> {
            Results.TargetHealthDescriptions r = call("DescribeTargetHealth",
                    new Requests.DescribeTargetHealth(tg, null, null));
            return r.targetHealthDescriptions().stream().anyMatch(d -> d.targetHealth().state().wire()
                    .equals("draining"));
        });
        for (int i = 0; i < 6; i++) {
            assertThat(get().body()).isEqualTo("fast");
        }
    }

    @Test
    void noRegisteredTargetIs503() throws Exception {
        targetGroup(Map.of());
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> get().statusCode() == 503);
    }

    @Test
    void aRefusedConnectionIs502WithoutRetry() throws Exception {
        String tg = targetGroup(Map.of());
        int dead;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            dead = s.getLocalPort();
        }
        register(tg, dead);
        // every target unhealthy: ALB fails open and sends the request anyway
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> get().statusCode() == 502);
    }

    @Test
    void aTargetSlowerThanTheIdleTimeoutIs504() throws Exception {
        String tg = targetGroup(Map.of("idle_timeout.timeout_seconds", "1"));
        // its health checks time out too, so it is unhealthy and ALB sends it requests anyway (fail open)
        register(tg, target("slow", 3000));
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> get().statusCode() == 504);
    }

    private Statistics stat(String metric, Dimensions d) {
        return registry.statistics(new MetricKey(AlbMetrics.NAMESPACE, metric, d), Instant.now().minusSeconds(300));
    }

    /** Sends a GET and counts its status; a refused connection (listener not bound yet) counts nothing. */
    private int send(Map<Integer, Integer> statuses) throws Exception {
        int status = get().statusCode();
        statuses.merge(status, 1, Integer::sum);
        return status;
    }

    @Test
    void metricsCountExactlyWhatTheLoadBalancerAndItsTargetAnswered() throws Exception {
        String tg = targetGroup(Map.of());
        String lbArn = elb.tables().loadBalancers().all().getFirst().arn();
        Dimensions lb = Dimensions.of("LoadBalancer", AlbMetrics.loadBalancerDimension(lbArn));
        Dimensions group = Dimensions.of("TargetGroup", AlbMetrics.targetGroupDimension(tg), "LoadBalancer",
                lb.get("LoadBalancer"));
        assertThat(lb.get("LoadBalancer")).matches("app/web/[0-9a-f]{16}");
        assertThat(group.get("TargetGroup")).matches("targetgroup/web/[0-9a-f]{16}");
        Map<Integer, Integer> statuses = new TreeMap<>();

        // no target registered: the load balancer's own 503, and no RequestCount (no target was chosen)
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> send(statuses) == 503);
        for (int i = 0; i < 4; i++) {
            assertThat(send(statuses)).isEqualTo(503);
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> stat("HTTPCode_ELB_503_Count", lb).sum()
                == statuses.get(503));

        register(tg, target("a", 0));
        awaitHealthy(tg, 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> send(statuses) == 200);
        for (int i = 0; i < 6; i++) {
            assertThat(send(statuses)).isEqualTo(200);
        }
        assertThat(statuses.keySet()).containsOnly(200, 503);
        int ok = statuses.get(200);
        // the response time is what an exchange records last
        await().atMost(Duration.ofSeconds(5)).until(() -> stat("TargetResponseTime", group).sampleCount() == ok);
        assertThat(stat("RequestCount", lb).sum()).isEqualTo(ok);

        assertThat(stat("RequestCount", group).sum()).isEqualTo(ok);
        assertThat(stat("HTTPCode_Target_2XX_Count", lb).sum()).isEqualTo(ok);
        assertThat(stat("HTTPCode_Target_2XX_Count", group).sum()).isEqualTo(ok);
        assertThat(stat("HTTPCode_Target_5XX_Count", group).sum()).isZero();
        assertThat(stat("HTTPCode_ELB_503_Count", lb).sum()).isEqualTo((double) statuses.get(503));
        assertThat(stat("HTTPCode_ELB_5XX_Count", lb).sum()).isEqualTo((double) statuses.get(503));
        assertThat(stat("HTTPCode_ELB_502_Count", lb).sum()).isZero();
        assertThat(stat("HTTPCode_ELB_504_Count", lb).sum()).isZero();
        Statistics responseTime = stat("TargetResponseTime", group);
        assertThat(responseTime.sampleCount()).isEqualTo(ok);
        assertThat(responseTime.maximum()).as("seconds, not milliseconds").isPositive().isLessThan(30);
        assertThat(stat("NewConnectionCount", lb).sum()).isPositive();
        assertThat(stat("ActiveConnectionCount", lb).maximum()).isPositive();
        await().atMost(Duration.ofSeconds(5)).until(() -> stat("HealthyHostCount", group).maximum() == 1);
        assertThat(stat("UnHealthyHostCount", group).maximum()).isZero();
        assertThat(registry.prometheusText()).contains("load_balancer=\"" + lb.get("LoadBalancer") + "\"")
                .contains("target_group=\"" + group.get("TargetGroup") + "\"");
    }

    @Test
    void aRefusedConnectionCountsAsElb502AndAsARequest() throws Exception {
        String tg = targetGroup(Map.of());
        Dimensions lb = Dimensions.of("LoadBalancer",
                AlbMetrics.loadBalancerDimension(elb.tables().loadBalancers().all().getFirst().arn()));
        int dead;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            dead = s.getLocalPort();
        }
        register(tg, dead);
        Map<Integer, Integer> statuses = new TreeMap<>();
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> send(statuses) == 502);
        await().atMost(Duration.ofSeconds(5)).until(() -> stat("HTTPCode_ELB_502_Count", lb).sum()
                == statuses.get(502));
        // a target was chosen for each 502 (ALB counts them), none for a 503 before the target was registered
        assertThat(stat("RequestCount", lb).sum()).isEqualTo((double) statuses.get(502));
        assertThat(stat("HTTPCode_ELB_5XX_Count", lb).sum()).isEqualTo((double) statuses.values().stream()
                .mapToInt(Integer::intValue).sum());
        assertThat(stat("HTTPCode_Target_5XX_Count", lb).sum()).isZero();
    }
}
