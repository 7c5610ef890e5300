package dev.mooring.server.it;

import static dev.mooring.server.it.RealMooring.PYTHON;
import static dev.mooring.server.it.RealMooring.address;
import static dev.mooring.server.it.RealMooring.exec;
import static dev.mooring.server.it.RealMooring.taskId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mooring.metrics.Dimensions;
import dev.mooring.metrics.MetricKey;
import dev.mooring.metrics.MetricRegistry;
import dev.mooring.metrics.Statistics;
import dev.mooring.runtime.net.Host;
import dev.mooring.server.ServerStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecs.model.Attachment;
import software.amazon.awssdk.services.ecs.model.Container;
import software.amazon.awssdk.services.ecs.model.HealthCheck;
import software.amazon.awssdk.services.ecs.model.PortMapping;
import software.amazon.awssdk.services.ecs.model.ServiceConnectClientAlias;
import software.amazon.awssdk.services.ecs.model.ServiceConnectConfiguration;
import software.amazon.awssdk.services.ecs.model.ServiceConnectService;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * Service Connect with real processes: client tasks reach server tasks through their aliases, over the proxies
 * Mooring runs inside each task's network namespace (issue 7). Requests are made from inside the client task's
 * namespace with {@code ip netns exec}, which gives them the task's own {@code /etc/hosts}.
 */
class ServiceConnectTest {
    static final String CLUSTER = "sc";
    static final String NAMESPACE = "sc.internal";
    /** Answers every GET with its hostname and the address the request came from. */
    static final String WEB_SERVER = """
            import http.server, signal, socket, sys, threading
            class Hello(http.server.BaseHTTPRequestHandler):
                protocol_version = 'HTTP/1.1'
                def do_GET(self):
                    body = ('hello from ' + socket.gethostname() + ' to ' + self.client_address[0]).encode()
                    self.send_response(200)
                    self.send_header('Content-Length', str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                def log_message(self, *args):
                    pass
            class Server(http.server.ThreadingHTTPServer):
                daemon_threads = False
            server = Server(('0.0.0.0', int(sys.argv[1])), Hello)
            # like a well-behaved app: on SIGTERM stop accepting, finish what is in flight, then exit
            signal.signal(signal.SIGTERM, lambda *a: threading.Thread(target=server.shutdown).start())
            server.serve_forever()
            server.server_close()
            """;

    /** Answers GET /ok with 200 "ok" and anything else with 500 "fail". */
    static final String CODE_SERVER = """
            import http.server, sys
            class Coded(http.server.BaseHTTPRequestHandler):
                protocol_version = 'HTTP/1.1'
                def do_GET(self):
                    ok = self.path.split('?')[0] == '/ok'
                    body = b'ok' if ok else b'fail'
                    self.send_response(200 if ok else 500)
                    self.send_header('Content-Length', str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                def log_message(self, *args):
                    pass
            http.server.ThreadingHTTPServer(('0.0.0.0', int(sys.argv[1])), Coded).serve_forever()
            """;

    @TempDir
    static Path stateDir;
    static RealMooring mooring;
    /** The metrics' clock, moved by hand: a per-target figure is published only when its minute is over. */
    static final AtomicLong METRICS_MILLIS = new AtomicLong(System.currentTimeMillis());
    static final MetricRegistry METRICS = new MetricRegistry(new InstantSource() {
        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(METRICS_MILLIS.get());
        }
    }, MetricRegistry.DEFAULT_RETENTION);

    @BeforeAll
    static void start() throws Exception {
        mooring = RealMooring.start(stateDir, METRICS);
        mooring.ecs().createCluster(b -> b.clusterName(CLUSTER));
        mooring.cloudMap("CreateHttpNamespace", Map.of("Name", NAMESPACE));
        await().atMost(Duration.ofSeconds(10)).until(() -> mooring.cloudMap("ListNamespaces", Map.of())
                .path("Namespaces").size() == 1);
        mooring.register("web", exec("web", PYTHON, "-c", WEB_SERVER, "8080")
                .portMappings(PortMapping.builder().name("http").containerPort(8080).protocol("tcp")
                        .appProtocol("http").build()).build());
        mooring.register("client", exec("client", "sleep", "3600").build());
    }

    @AfterAll
    static void stop() {
        if (mooring != null) {
            mooring.close();
        }
    }

    static ServiceConnectConfiguration server(String portName, String discoveryName, int aliasPort, String dnsName,
                                              Integer ingressPortOverride) {
        return ServiceConnectConfiguration.builder().enabled(true).namespace(NAMESPACE)
                .services(ServiceConnectService.builder().portName(portName).discoveryName(discoveryName)
                        .ingressPortOverride(ingressPortOverride)
                        .clientAliases(ServiceConnectClientAlias.builder().port(aliasPort).dnsName(dnsName).build())
                        .build()).build();
    }

    static List<Task> service(String name, String family, int count, ServiceConnectConfiguration sc) {
        mooring.ecs().createService(b -> b.cluster(CLUSTER).serviceName(name).taskDefinition(family)
                .desiredCount(count).launchType("FARGATE").serviceConnectConfiguration(sc));
        return mooring.awaitRunning(CLUSTER, name, count, Duration.ofSeconds(60));
    }

    /** A client-only Service Connect task, started now (so it sees the endpoints that exist now). */
    static Task client(String name) {
        return service(name, "client", 1, ServiceConnectConfiguration.builder().enabled(true).namespace(NAMESPACE)
                .build()).getFirst();
    }

    /** Runs a command inside a task's network namespace, with its /etc/hosts; exit code and output. */
    static Host.Result inTask(Task task, String... command) {
        List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", RealMooring.netns(taskId(task.taskArn()))));
        argv.addAll(List.of(command));
        return Host.attempt(argv);
    }

    static String curl(Task client, String url) {
        Host.Result r = inTask(client, "curl", "-s", "-m", "5", url);
        assertThat(r.exitCode()).as("curl %s from the client task: %s%s", url, r.output(), r.error()).isZero();
        return r.output();
    }

    static Map<String, Long> spread(List<String> replies) {
        return replies.stream().map(r -> r.split(" ")[2]).collect(Collectors.groupingBy(Function.identity(),
                TreeMap::new, Collectors.counting()));
    }

    /**
     * RUNNING is not listening (these apps have no health check), and on a loaded machine a Python app takes a while:
     * waits until each answers 200 on port 8080, asked from the host through its ingress proxy.
     */
    static void awaitListening(List<Task> servers, String path) {
        for (Task t : servers) {
            await().atMost(Duration.ofSeconds(30)).until(() -> Host.attempt(List.of("curl", "-s", "-o", "/dev/null",
                    "-m", "2", "-w", "%{http_code}", "http://" + address(t) + ":8080" + path)).output().strip()
                    .equals("200"));
        }
    }

    @Test
    void aClientReachesThreeServersThroughTheirAliasInRoundRobin() throws Exception {
        List<Task> servers = service("web", "web", 3, server("http", "web", 80, "web", null));
        awaitListening(servers, "/");
        Task client = client("web-client");

        List<String> replies = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            replies.add(curl(client, "http://web/"));
        }
        Map<String, Long> byServer = spread(replies);
        assertThat(byServer.keySet()).containsExactlyInAnyOrderElementsOf(servers.stream()
                .map(RealMooring::hostname).toList());
        assertThat(byServer.values()).as("round robin: %s", byServer).containsOnly(10L);
        // the server's ingress proxy forwards on the task's loopback
        assertThat(replies).allSatisfy(r -> assertThat(r).endsWith(" to 127.0.0.1"));

        // the alias is a VIP in the client's own /etc/hosts, nowhere else
        String hosts = Files.readString(Path.of("/etc/netns", RealMooring.netns(taskId(client.taskArn())), "hosts"));
        assertThat(hosts).containsPattern("127\\.255\\.\\d+\\.\\d+\\tweb\\n");
        assertThat(Files.readString(Path.of("/etc/hosts"))).doesNotContain("\tweb\n");

        // DescribeTasks: the Service Connect container and attachment (spec §4.3)
        Task described = mooring.describe(CLUSTER, client.taskArn());
        Container proxy = described.containers().stream().filter(c -> c.name().startsWith("ecs-service-connect-"))
                .findFirst().orElseThrow();
        assertThat(proxy.name()).hasSize("ecs-service-connect-".length() + 5);
        assertThat(proxy.image()).isNull();
        assertThat(proxy.lastStatus()).isEqualTo("RUNNING");
        assertThat(proxy.healthStatusAsString()).isEqualTo("HEALTHY");
        Attachment attachment = described.attachments().stream().filter(a -> a.type().equals("ServiceConnect"))
                .findFirst().orElseThrow();
        assertThat(attachment.status()).isEqualTo("ATTACHED");
        assertThat(attachment.details()).anySatisfy(d -> {
            assertThat(d.name()).isEqualTo("ContainerName");
            assertThat(d.value()).isEqualTo(proxy.name());
        });

        // mooring status: the client's alias, VIP and listener, and the three hosts behind it
        ServerStatus.ServiceConnectLine line = mooring.server().status().tasks().stream()
                .filter(t -> t.taskArn().equals(client.taskArn())).findFirst().orElseThrow().serviceConnect();
        assertThat(line.aliases()).containsKey("web");
        assertThat(line.listeners()).anySatisfy(l -> assertThat(l).startsWith("egress web:80 (HTTP): "
                + line.aliases().get("web") + ":80 -> web"));
        assertThat(line.hosts().get("web")).containsExactlyInAnyOrderElementsOf(servers.stream()
                .map(s -> address(s) + ":8080").toList());
    }

    /** HAProxy answering HTTP/2 with prior knowledge (h2c, as gRPC clients speak it), naming the version it got. */
    static final String H2_SERVER = """
            exec /usr/sbin/haproxy -db -f /dev/stdin <<'EOF'
            global
              maxconn 64
            defaults
              mode http
              timeout client 30s
              timeout connect 5s
              timeout server 30s
            frontend h2
              bind :8080 proto h2
              http-request return status 200 content-type text/plain lf-string "h2 %[hostname] HTTP/%[req.ver]"
            EOF
            """;

    @Test
    void http2CrossesTheProxyPairAsHttp2() {
        assertThat(Path.of("/usr/sbin/haproxy")).as("the HTTP/2 server of this test (./mooring test installs it)")
                .isExecutable();
        mooring.register("h2", exec("h2", "/bin/sh", "-c", H2_SERVER).portMappings(PortMapping.builder()
                .name("h2").containerPort(8080).protocol("tcp").appProtocol("http2").build()).build());
        List<Task> servers = service("h2", "h2", 2, server("h2", "h2", 80, "h2", null));
        Task client = client("h2-client");
        for (Task t : servers) {
            await().atMost(Duration.ofSeconds(30)).until(() -> Host.attempt(List.of("curl", "-s", "-m", "2",
                    "--http2-prior-knowledge", "http://" + address(t) + ":8080/")).output().startsWith("h2 "));
        }

        Set<String> seen = new TreeSet<>();
        for (int i = 0; i < 6; i++) {
            Host.Result r = inTask(client, "curl", "-s", "-m", "5", "--http2-prior-knowledge", "-w", " %{http_version}",
                    "http://h2/");
            assertThat(r.exitCode()).as("curl through the h2 alias: %s%s", r.output(), r.error()).isZero();
            // the app got HTTP/2 from the server's ingress proxy, and the client HTTP/2 from its egress proxy
            assertThat(r.output()).endsWith(" HTTP/2.0 2");
            seen.add(r.output().split(" ")[1]);
        }
        assertThat(seen).as("both servers answered").hasSize(2);
    }

    @Test
    void redisAnswersThroughItsDefaultAliasOverTcp() {
        mooring.register("cache", RealMooring.container("redis", "redis:7")
                .portMappings(PortMapping.builder().name("redis").containerPort(6379).protocol("tcp").build())
                .build());
        // no dnsName: the alias is discoveryName.namespace (spec §4.1)
        service("cache", "cache", 1, server("redis", "cache", 6379, null, null));
        Task client = client("cache-client");
        Host.Result set = inTask(client, "redis-cli", "-h", "cache." + NAMESPACE, "-p", "6379", "SET", "k", "v1");
        assertThat(set.output().strip()).as(set.output()).isEqualTo("OK");
        Host.Result get = inTask(client, "redis-cli", "-h", "cache." + NAMESPACE, "-p", "6379", "GET", "k");
        assertThat(get.output().strip()).isEqualTo("v1");
        // the server task reaches its own alias too: redis binds 6379 on every address, so the alias's listener
        // takes another port and a netfilter rule moves vip:6379 to it
        Task cache = mooring.serviceTasks(CLUSTER, "cache").getFirst();
        assertThat(inTask(cache, "redis-cli", "-h", "cache." + NAMESPACE, "-p", "6379", "GET", "k").output()
                .strip()).isEqualTo("v1");
    }

    @Test
    void theContainerPortIsInterceptedUnlessIngressPortOverrideMovesTheProxy() {
        Task intercepted = service("inter", "web", 1, server("http", "inter", 80, "inter", null)).getFirst();
        Task overridden = service("over", "web", 1, server("http", "over", 80, "over", 9090)).getFirst();
        String gateway = mooring.gateway();

        // from the host, as any caller outside Service Connect: the app's port goes through the ingress proxy ...
        // (RUNNING means the app started, not that it listens yet: the first answers may be the proxy's 503)
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(Host.run(List.of("curl", "-s", "-m",
                "5", "http://" + address(intercepted) + ":8080/"))).endsWith(" to 127.0.0.1"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(Host.attempt(List.of("curl", "-s",
                "-m", "5", "http://" + address(overridden) + ":8080/")).output()).startsWith("hello"));
        // ... unless ingressPortOverride moved the proxy: then the app's port is the app, the override the proxy
        assertThat(Host.run(List.of("curl", "-s", "-m", "5", "http://" + address(overridden) + ":8080/")))
                .endsWith(" to " + gateway);
        assertThat(Host.run(List.of("curl", "-s", "-m", "5", "http://" + address(overridden) + ":9090/")))
                .endsWith(" to 127.0.0.1");

        // the tasks' Cloud Map instances carry the ingress port: the container port, or the override (spec §4.3)
        assertThat(instancePort("inter", intercepted)).isEqualTo("8080");
        assertThat(instancePort("over", overridden)).isEqualTo("9090");

        Task client = client("inter-client");
        assertThat(curl(client, "http://inter/")).startsWith("hello from " + RealMooring.hostname(intercepted));
        assertThat(curl(client, "http://over/")).startsWith("hello from " + RealMooring.hostname(overridden));
    }

    /** AWS_INSTANCE_PORT of a task's instance in the Cloud Map service named after a discovery name. */
    static String instancePort(String discoveryName, Task task) {
        String serviceId = java.util.stream.StreamSupport.stream(mooring.cloudMap("ListServices", Map.of())
                        .path("Services").spliterator(), false)
                .filter(s -> s.path("Name").asText().equals(discoveryName)).map(s -> s.path("Id").asText())
                .findFirst().orElseThrow();
        await().atMost(Duration.ofSeconds(10)).until(() -> mooring.instances(serviceId)
                .containsKey(taskId(task.taskArn())));
        return mooring.instances(serviceId).get(taskId(task.taskArn())).path("AWS_INSTANCE_PORT").asText();
    }

    @Test
    void onlyReadyTasksGetTraffic() throws Exception {
        Path marks = Files.createTempDirectory("mooring-ready");
        Files.setPosixFilePermissions(marks, PosixFilePermissions.fromString("rwxr-xr-x"));
        mooring.register("picky", exec("picky", PYTHON, "-c", WEB_SERVER, "8080")
                .portMappings(PortMapping.builder().name("http").containerPort(8080).protocol("tcp")
                        .appProtocol("http").build())
                .healthCheck(HealthCheck.builder().command("CMD-SHELL", "test -f " + marks + "/ready-$HOSTNAME")
                        .interval(5).timeout(2).retries(3).startPeriod(300).build()).build());
        List<Task> pickies = service("picky", "picky", 2, server("http", "picky", 80, "picky", null));
        Task client = client("picky-client");

        // neither task has passed its health check: nobody serves the alias
        Host.Result none = inTask(client, "curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "-m", "5",
                "http://picky/");
        assertThat(none.output()).isEqualTo("503");

        Task ready = pickies.getFirst();
        Files.writeString(marks.resolve("ready-" + RealMooring.hostname(ready)), "");
        await().atMost(Duration.ofSeconds(30)).until(() -> inTask(client, "curl", "-s", "-m", "5", "http://picky/")
                .output().startsWith("hello from "));
        for (int i = 0; i < 10; i++) {
            assertThat(curl(client, "http://picky/")).startsWith("hello from " + RealMooring.hostname(ready) + " ");
        }
    }

    @Test
    void endpointNamesAreFixedAtTaskStartWhileTheHostsBehindThemStayCurrent() {
        service("early", "web", 1, server("http", "early", 80, "early", null));
        Task client = client("fixed-client");

        service("late", "web", 1, server("http", "late", 80, "late", null));
        // spec §4.5: the running client cannot resolve an endpoint created after it started ...
        Host.Result late = inTask(client, "curl", "-s", "-m", "5", "http://late/");
        assertThat(late.exitCode()).as("curl exit code 6: could not resolve host").isEqualTo(6);
        // ... but sees new tasks behind the names it has
        mooring.ecs().updateService(b -> b.cluster(CLUSTER).service("early").desiredCount(2));
        List<Task> early = mooring.awaitRunning(CLUSTER, "early", 2, Duration.ofSeconds(60));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            List<String> replies = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                replies.add(curl(client, "http://early/"));
            }
            assertThat(spread(replies).keySet()).containsExactlyInAnyOrderElementsOf(early.stream()
                    .map(RealMooring::hostname).toList());
        });
        // a task started now has the new name
        Task fresh = client("fresh-client");
        assertThat(curl(fresh, "http://late/")).startsWith("hello from ");
    }

    @Test
    void withTheLiveEndpointsTagARunningClientLearnsNewNames() {
        mooring.ecs().createService(b -> b.cluster(CLUSTER).serviceName("live-client").taskDefinition("client")
                .desiredCount(1).launchType("FARGATE")
                .serviceConnectConfiguration(ServiceConnectConfiguration.builder().enabled(true)
                        .namespace(NAMESPACE).build())
                .tags(software.amazon.awssdk.services.ecs.model.Tag.builder()
                        .key("mooring:service-connect:live-endpoints").value("true").build()));
        Task client = mooring.awaitRunning(CLUSTER, "live-client", 1, Duration.ofSeconds(60)).getFirst();
        assertThat(inTask(client, "curl", "-s", "-m", "5", "http://newcomer/").exitCode()).isEqualTo(6);

        Task newcomer = service("newcomer", "web", 1, server("http", "newcomer", 80, "newcomer", null))
                .getFirst();
        // a Mooring extension (containers-roadmap #2692): the running task gets the alias line and its listener
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(inTask(client, "curl", "-s", "-m",
                "5", "http://newcomer/").output()).startsWith("hello from " + RealMooring.hostname(newcomer)));
    }

    @Test
    void aRollingDeploymentDropsNoRequestEvenWithoutRetries() throws Exception {
        // a health check says when the app listens: without one a new task would get traffic once RUNNING, before
        // its app is ready; generous numbers, since CI machines are slow and shared
        mooring.ecs().registerTaskDefinition(b -> b.family("steady").networkMode("awsvpc").cpu("1024")
                .memory("2048").containerDefinitions(exec("steady", PYTHON, "-c", WEB_SERVER, "8080")
                        .portMappings(PortMapping.builder().name("http").containerPort(8080).protocol("tcp")
                                .appProtocol("http").build())
                        .healthCheck(HealthCheck.builder().command("CMD-SHELL",
                                        "curl -sf -o /dev/null localhost:8080/")
                                .interval(5).timeout(5).retries(5).startPeriod(60).build()).build()));
        // retries off (the Mooring extension, containers-roadmap #1963): a request sent to a stopping task would
        // fail instead of being retried elsewhere, so only the draining order keeps this at zero failures
        mooring.ecs().createService(b -> b.cluster(CLUSTER).serviceName("steady").taskDefinition("steady")
                .desiredCount(3).launchType("FARGATE")
                .serviceConnectConfiguration(server("http", "steady", 80, "steady", null))
                .tags(software.amazon.awssdk.services.ecs.model.Tag.builder()
                        .key("mooring:service-connect:retries").value("0").build()));
        List<Task> before = mooring.awaitRunning(CLUSTER, "steady", 3, Duration.ofSeconds(60));
        mooring.ecs().createService(b -> b.cluster(CLUSTER).serviceName("steady-client").taskDefinition("client")
                .desiredCount(1).launchType("FARGATE").serviceConnectConfiguration(sc -> sc.enabled(true)
                        .namespace(NAMESPACE)
                        .logConfiguration(l -> l.logDriver("awslogs").options(Map.of("awslogs-group",
                                RealMooring.LOG_GROUP, "awslogs-stream-prefix", "proxy")))
                        .accessLogConfiguration(a -> a.format("JSON"))));
        Task client = mooring.awaitRunning(CLUSTER, "steady-client", 1, Duration.ofSeconds(60)).getFirst();
        await().atMost(Duration.ofSeconds(30)).until(() -> inTask(client, "curl", "-s", "-m", "5",
                "http://steady/").output().startsWith("hello from "));

        Path done = Files.createTempDirectory("mooring-steady").resolve("done");
        String loop = "i=0; while [ ! -e " + done + " ] && [ $i -lt 3000 ]; do i=$((i+1));"
                + " c=$(curl -s -o /dev/null -m 5 -w '%{http_code}' http://steady/); echo \"$c $(date +%T.%N)\";"
                + " sleep 0.05; done";
        // the codes go to a file: a thread blocked reading a pipe would hold up a shared pool (process exits are
        // reported through the common pool)
        Path codes = done.resolveSibling("codes");
        Process load = new ProcessBuilder("ip", "netns", "exec", RealMooring.netns(taskId(client.taskArn())),
                "sh", "-c", loop).redirectOutput(codes.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();

        mooring.ecs().updateService(b -> b.cluster(CLUSTER).service("steady").forceNewDeployment(true));
        await().atMost(Duration.ofSeconds(120)).until(() -> {
            List<Task> now = mooring.serviceTasks(CLUSTER, "steady");
            return now.size() == 3 && now.stream().allMatch(t -> "RUNNING".equals(t.lastStatus()))
                    && now.stream().noneMatch(t -> before.stream().anyMatch(b -> b.taskArn().equals(t.taskArn())));
        });
        for (Task old : before) {
            mooring.awaitTask(CLUSTER, old.taskArn(), t -> "STOPPED".equals(t.lastStatus()), Duration.ofSeconds(60));
        }
        Files.writeString(done, "");
        assertThat(load.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        List<String> results = Files.readAllLines(codes);
        assertThat(results.size()).as("requests made during the deployment").isGreaterThan(20);
        String proxy = mooring.describe(CLUSTER, client.taskArn()).containers().stream()
                .map(Container::name).filter(n -> n.startsWith("ecs-service-connect-")).findFirst().orElseThrow();
        List<String> accessLog = mooring.logLines(taskId(client.taskArn()), proxy);
        // the proxy's own log and its JSON access log share the Service Connect log stream (spec §5.2)
        assertThat(accessLog).anySatisfy(l -> assertThat(l).contains("proxy started for task"));
        assertThat(accessLog).anySatisfy(l -> assertThat(l).contains("\"response_code\":200")
                .contains("\"upstream_cluster\":\"steady\""));
        assertThat(results.stream().filter(c -> !c.startsWith("200 ")).toList()).as("failed requests of %d; the"
                + " client proxy's log: %s", results.size(), accessLog.stream().filter(l -> !l.contains("\"status\":200") && !l.contains(" 200 ")).toList()).isEmpty();
    }

    private static Statistics stat(String metric, Instant since, String... dimensions) {
        return METRICS.statistics(new MetricKey("AWS/ECS", metric, Dimensions.of(dimensions)), since);
    }

    @Test
    void metricsCountAKnownRequestMixExactlyAndTheAccessLogDropsTheQuery() throws Exception {
        mooring.register("coded", exec("coded", PYTHON, "-c", CODE_SERVER, "8080")
                .portMappings(PortMapping.builder().name("http").containerPort(8080).protocol("tcp")
                        .appProtocol("http").build()).build());
        List<Task> servers = service("coded", "coded", 2, server("http", "coded", 80, "coded", null));
        mooring.ecs().createService(b -> b.cluster(CLUSTER).serviceName("coded-client").taskDefinition("client")
                .desiredCount(1).launchType("FARGATE").serviceConnectConfiguration(sc -> sc.enabled(true)
                        .namespace(NAMESPACE)
                        .logConfiguration(l -> l.logDriver("awslogs").options(Map.of("awslogs-group",
                                RealMooring.LOG_GROUP, "awslogs-stream-prefix", "proxy")))
                        .accessLogConfiguration(a -> a.format("TEXT"))));
        Task client = mooring.awaitRunning(CLUSTER, "coded-client", 1, Duration.ofSeconds(60)).getFirst();

        awaitListening(servers, "/ok");
        // a fresh minute of the metrics' clock holds exactly this test's traffic
        long minute = (METRICS_MILLIS.get() / 60_000 + 1) * 60_000;
        METRICS_MILLIS.set(minute + 1_000);
        Instant since = Instant.ofEpochMilli(minute);
        Map<String, Integer> codes = new TreeMap<>();
        for (int i = 0; i < 10; i++) {
            String path = i % 5 < 3 ? "/ok?token=secret" : "/fail";
            Host.Result r = inTask(client, "curl", "-s", "-o", "/dev/null", "-m", "5", "-w", "%{http_code}",
                    "http://coded" + path);
            assertThat(r.exitCode()).as("curl %s: %s", path, r.error()).isZero();
            codes.merge(r.output().strip(), 1, Integer::sum);
        }
        assertThat(codes).isEqualTo(Map.of("200", 6, "500", 4));

        String[] target = {"TargetDiscoveryName", "coded"};
        String[] targetOfClient = {"TargetDiscoveryName", "coded", "ServiceName", "coded-client", "ClusterName",
                CLUSTER};
        String[] server = {"DiscoveryName", "coded"};
        String[] serverService = {"DiscoveryName", "coded", "ServiceName", "coded", "ClusterName", CLUSTER};
        // what each side records last: the egress proxy its bytes, the ingress proxy its bytes
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(List.of(
                stat("TargetProcessedBytes", since, target).sampleCount(),
                stat("ProcessedBytes", since, server).sampleCount())).as("series: %s",
                METRICS.series(dev.mooring.metrics.SeriesFilter.all(), since)).containsOnly(10L));
        for (String[] d : List.of(target, targetOfClient)) {
            assertThat(stat("HTTPCode_Target_2XX_Count", since, d).sum()).isEqualTo(6.0);
            assertThat(stat("HTTPCode_Target_5XX_Count", since, d).sum()).isEqualTo(4.0);
            assertThat(stat("HTTPCode_Target_4XX_Count", since, d).sum()).isZero();
            assertThat(stat("TargetResponseTime", since, d).sampleCount()).isEqualTo(10);
            // bodies only: 6 × "ok" and 4 × "fail"
            assertThat(stat("TargetProcessedBytes", since, d).sum()).isEqualTo(28.0);
        }
        for (String[] d : List.of(server, serverService)) {
            assertThat(stat("RequestCount", since, d).sum()).isEqualTo(10.0);
            assertThat(stat("ProcessedBytes", since, d).sum()).isEqualTo(28.0);
            assertThat(stat("NewConnectionCount", since, d).sum()).isBetween(1.0, 10.0);
        }
        assertThat(stat("GrpcRequestCount", since, server).sampleCount()).isZero();

        // the minute closes: each of the two targets got 5 of the 10 requests (round robin)
        METRICS_MILLIS.addAndGet(60_000);
        METRICS.sample();
        assertThat(stat("RequestCountPerTarget", since, target)).isEqualTo(new Statistics(2, 10, 5, 5));
        assertThat(stat("RequestCountPerTarget", since, targetOfClient)).isEqualTo(new Statistics(2, 10, 5, 5));

        // the same figures over the admin endpoint, as scripts and mooring metrics read them
        HttpClient http = HttpClient.newHttpClient();
        String json = http.send(HttpRequest.newBuilder(URI.create(mooring.server().endpointUrl()
                + "/_mooring/metrics?format=json&namespace=AWS/ECS&metric=HTTPCode_Target_5XX_Count"
                + "&dim.TargetDiscoveryName=coded&exact=true&since=5m")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        var report = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
        assertThat(report.path("series")).as(json).hasSize(1);
        assertThat(report.path("series").get(0).path("total").path("sum").asDouble()).isEqualTo(4.0);
        assertThat(report.path("series").get(0).path("datapoints").get(0).path("timestamp").asText())
                .isEqualTo(since.toString());
        HttpResponse<String> prometheus = http.send(HttpRequest.newBuilder(URI.create(mooring.server()
                .endpointUrl() + "/_mooring/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(prometheus.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain; version=0.0.4");
        // cumulative since the server started: the 5XX only this test's client caused (the waits above went
        // straight to the servers, past any client proxy)
        assertThat(prometheus.body()).containsPattern(
                "aws_ecs_http_code_target_5xx_count_total\\{target_discovery_name=\"coded\"} 4(\\.0)?\n");
        HttpResponse<String> bad = http.send(HttpRequest.newBuilder(URI.create(mooring.server().endpointUrl()
                + "/_mooring/metrics?format=json&since=soon")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("since must be a duration");

        // TEXT access log (spec §5.2): one line per request, the query string stripped (includeQueryParameters
        // is not ENABLED)
        String proxy = mooring.describe(CLUSTER, client.taskArn()).containers().stream()
                .map(Container::name).filter(n -> n.startsWith("ecs-service-connect-")).findFirst().orElseThrow();
        await().atMost(Duration.ofSeconds(10)).until(() -> mooring.logLines(taskId(client.taskArn()), proxy).stream()
                .filter(l -> l.contains("\"GET /")).count() == 10);
        List<String> lines = mooring.logLines(taskId(client.taskArn()), proxy).stream()
                .filter(l -> l.contains("\"GET /")).toList();
        assertThat(lines.stream().filter(l -> l.contains("\"GET /ok HTTP/1.1\" 200 ")).count()).isEqualTo(6);
        assertThat(lines.stream().filter(l -> l.contains("\"GET /fail HTTP/1.1\" 500 ")).count()).isEqualTo(4);
        assertThat(lines).noneSatisfy(l -> assertThat(l).contains("secret"));
    }
}
