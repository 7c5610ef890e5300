package dev.mooring.server.it;

import static dev.mooring.server.it.RealMooring.exec;
import static dev.mooring.server.it.RealMooring.linkExists;
import static dev.mooring.server.it.RealMooring.netns;
import static dev.mooring.server.it.RealMooring.netnsNames;
import static dev.mooring.server.it.RealMooring.netnsPids;
import static dev.mooring.server.it.RealMooring.taskId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mooring.runtime.net.Host;
import dev.mooring.runtime.net.NetworkConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.PortMapping;
import software.amazon.awssdk.services.ecs.model.ServiceConnectClientAlias;
import software.amazon.awssdk.services.ecs.model.ServiceConnectConfiguration;
import software.amazon.awssdk.services.ecs.model.ServiceConnectService;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * Mooring leaves nothing on the machine: not after a clean close, and not after a kill -9 once it starts again (a
 * Service Connect task's netfilter redirect and proxy included: issue 7, "Bad input and faults").
 */
class CleanupTest {
    @TempDir
    Path stateDir;
    @TempDir
    Path scratch;

    /** What a server made for one task, seen from the host while it runs. */
    record Footprint(String netns, List<String> veths, List<Long> pids) {}

    @Test
    void closingTheServerRemovesTasksNamespacesVethsAndTheBridge() throws Exception {
        Footprint footprint;
        String bridge;
        try (RealMooring mooring = RealMooring.start(stateDir)) {
            bridge = mooring.bridge;
            String arn = runSleeper(mooring.ecs());
            mooring.awaitTask("default", arn, t -> "RUNNING".equals(t.lastStatus()), Duration.ofSeconds(60));
            footprint = footprint(bridge, taskId(arn));
        }
        assertGone(footprint);
        assertThat(linkExists(bridge)).as("bridge %s", bridge).isFalse();
    }

    @Test
    void theNextServerRemovesWhatAKilledOneLeft() throws Exception {
        RealMooring.requireRootAndTools();
        NetworkConfig net = Host.uniqueConfig(stateDir, "mit");
        String bridge = net.bridge();
        String cidr = net.cidr();
        Path out = scratch.resolve("crashing-server.log");
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process child = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED",
                "--sun-misc-unsafe-memory-access=allow", "-cp", System.getProperty("java.class.path"),
                CrashingServer.class.getName(), stateDir.toString(), bridge, cidr)
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        Footprint footprint;
        String arn;
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> !child.isAlive()
                    || Files.readString(out).lines().anyMatch(l -> l.startsWith("READY ")));
            String log = Files.readString(out);
            assertThat(child.isAlive()).as("the child server started; its output:%n%s", log).isTrue();
            String endpoint = log.lines().filter(l -> l.startsWith("READY ")).findFirst().orElseThrow()
                    .substring("READY ".length());
            try (EcsClient ecs = RealMooring.ecsClient(URI.create(endpoint))) {
                arn = runServiceConnectServer(ecs, URI.create(endpoint));
            }
            footprint = footprint(bridge, taskId(arn));
            assertThat(natRules(footprint.netns())).as("the Service Connect ingress redirect in %s",
                    footprint.netns()).anyMatch(rule -> rule.contains("REDIRECT"));
        } finally {
            child.destroyForcibly();
        }
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(footprint.pids()).as("task processes outlive their server's kill -9").anyMatch(RealMooring::running);
        assertThat(netnsNames()).contains(footprint.netns());
        assertThat(linkExists(bridge)).isTrue();

        try (RealMooring next = RealMooring.start(stateDir, bridge, cidr)) {
            assertGone(footprint);
            Task old = next.awaitTask("default", arn, t -> "STOPPED".equals(t.lastStatus()), Duration.ofSeconds(30));
            assertThat(old.stoppedReason()).contains("Mooring restarted");
        }
        assertThat(linkExists(bridge)).isFalse();
    }

    /** A standalone task of one container that sleeps. */
    private static String runSleeper(EcsClient ecs) {
        ecs.createCluster(b -> b.clusterName("default"));
        ecs.registerTaskDefinition(b -> b.family("sleeper").networkMode("awsvpc").cpu("256").memory("512")
                .containerDefinitions(exec("sleeper", "/bin/sleep", "600").build()));
        return ecs.runTask(b -> b.taskDefinition("sleeper").launchType("FARGATE")).tasks().getFirst().taskArn();
    }

    /**
     * One task of a Service Connect service whose container port the proxy intercepts: its namespace then holds a
     * netfilter redirect and its proxy's listeners, beside the container.
     */
    private static String runServiceConnectServer(EcsClient ecs, URI endpoint) throws Exception {
        ecs.createCluster(b -> b.clusterName("default"));
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(endpoint)
                .header("X-Amz-Target", "Route53AutoNaming_v20170314.CreateHttpNamespace")
                .header("Content-Type", "application/x-amz-json-1.1")
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/servicediscovery/"
                        + "aws4_request, SignedHeaders=host, Signature=abc")
                .POST(HttpRequest.BodyPublishers.ofString("{\"Name\":\"crash.internal\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        ecs.registerTaskDefinition(b -> b.family("web").networkMode("awsvpc").cpu("256").memory("512")
                .containerDefinitions(exec("web", RealMooring.PYTHON, "-m", "http.server", "8080")
                        .portMappings(PortMapping.builder().name("http").containerPort(8080).appProtocol("http")
                                .build()).build()));
        ServiceConnectConfiguration sc = ServiceConnectConfiguration.builder().enabled(true).namespace("crash.internal")
                .services(ServiceConnectService.builder().portName("http").discoveryName("web")
                        .clientAliases(ServiceConnectClientAlias.builder().port(80).dnsName("web").build()).build())
                .build();
        // the namespace is created asynchronously (an operation), so the service may have to wait for it
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> {
            ecs.createService(b -> b.cluster("default").serviceName("web").taskDefinition("web").desiredCount(1)
                    .launchType("FARGATE").serviceConnectConfiguration(sc));
            return true;
        });
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            List<String> arns = ecs.listTasks(b -> b.cluster("default").serviceName("web")).taskArns();
            return arns.size() == 1 && "RUNNING".equals(ecs.describeTasks(b -> b.cluster("default").tasks(arns))
                    .tasks().getFirst().lastStatus());
        });
        return ecs.listTasks(b -> b.cluster("default").serviceName("web")).taskArns().getFirst();
    }

    private static List<String> natRules(String netns) {
        return Host.run(List.of("ip", "netns", "exec", netns, "iptables", "-t", "nat", "-S")).lines().toList();
    }

    private static Footprint footprint(String bridge, String taskId) {
        String netns = netns(taskId);
        List<String> veths = Host.run(List.of("ip", "-o", "link", "show", "master", bridge)).lines()
                .map(l -> l.split(":\\s+")[1].split("@")[0]).toList();
        assertThat(netnsNames()).contains(netns);
        assertThat(veths).as("the task's veth on %s", bridge).isNotEmpty();
        // RUNNING is reported once the container is started, a moment before it has joined the namespace
        await().atMost(Duration.ofSeconds(10)).until(() -> !netnsPids(netns).isEmpty());
        List<Long> pids = netnsPids(netns);
        return new Footprint(netns, veths, pids);
    }

    private static void assertGone(Footprint f) {
        assertThat(netnsNames()).doesNotContain(f.netns());
        assertThat(Path.of("/etc/netns", f.netns())).doesNotExist();
        assertThat(f.veths()).noneMatch(RealMooring::linkExists);
        assertThat(f.pids()).noneMatch(RealMooring::running);
    }
}
