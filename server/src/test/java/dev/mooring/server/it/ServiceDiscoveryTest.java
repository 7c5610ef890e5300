package dev.mooring.server.it;

import static dev.mooring.server.it.RealMooring.PYTHON;
import static dev.mooring.server.it.RealMooring.address;
import static dev.mooring.server.it.RealMooring.exec;
import static dev.mooring.server.it.RealMooring.taskId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecs.model.PortMapping;
import software.amazon.awssdk.services.ecs.model.ServiceRegistry;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * Services of real processes found through Cloud Map DNS (the "before" half of the walkthrough): a client task
 * reaches a server task by name, and a server killed with SIGKILL is replaced, deregistered and re-resolved.
 */
class ServiceDiscoveryTest {
    static final String CLUSTER = "discovery";
    static final String NAMESPACE = "demo.internal";
    static final int TTL = 5;
    /** Answers every GET with its hostname, so the client's log says which task it reached. */
    static final String WEB_SERVER = """
            import http.server, socket
            class Hello(http.server.BaseHTTPRequestHandler):
                def do_GET(self):
                    body = ('hello from ' + socket.gethostname()).encode()
                    self.send_response(200)
                    self.send_header('Content-Length', str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
            http.server.ThreadingHTTPServer(('0.0.0.0', 8080), Hello).serve_forever()
            """;

    @TempDir
    static Path stateDir;
    static RealMooring mooring;
    static String namespaceId;

    @BeforeAll
    static void start() throws Exception {
        mooring = RealMooring.start(stateDir);
        mooring.ecs().createCluster(b -> b.clusterName(CLUSTER));
        namespaceId = mooring.privateNamespace(NAMESPACE);
        mooring.register("web", exec("web", PYTHON, "-c", WEB_SERVER)
                .portMappings(PortMapping.builder().name("http").containerPort(8080).protocol("tcp").build())
                .build());
    }

    @AfterAll
    static void stop() {
        if (mooring != null) {
            mooring.close();
        }
    }

    /** A service whose tasks register in a new Cloud Map service {@code name.demo.internal}; its Cloud Map service. */
    static JsonNode webService(String name, int desired) {
        JsonNode discovery = mooring.discoveryService(name, namespaceId, TTL);
        mooring.ecs().createService(b -> b.cluster(CLUSTER).serviceName(name).taskDefinition("web")
                .desiredCount(desired).launchType("FARGATE")
                .serviceRegistries(ServiceRegistry.builder().registryArn(discovery.path("Arn").asText()).build()));
        return discovery;
    }

    @Test
    void aClientTaskReachesAServerTaskByItsCloudMapName() {
        JsonNode discovery = webService("hello", 1);
        Task server = mooring.awaitRunning(CLUSTER, "hello", 1, Duration.ofSeconds(60)).getFirst();
        await().atMost(Duration.ofSeconds(10)).until(() -> mooring.instances(discovery.path("Id").asText())
                .containsKey(taskId(server.taskArn())));
        JsonNode attributes = mooring.instances(discovery.path("Id").asText()).get(taskId(server.taskArn()));
        assertThat(attributes.path("AWS_INSTANCE_IPV4").asText()).isEqualTo(address(server));
        assertThat(attributes.path("AWS_INSTANCE_PORT").asText()).isEqualTo("8080");
        assertThat(attributes.path("ECS_SERVICE_NAME").asText()).isEqualTo("hello");
        assertThat(attributes.path("ECS_CLUSTER_NAME").asText()).isEqualTo(CLUSTER);
        assertThat(attributes.path("ECS_TASK_DEFINITION_FAMILY").asText()).isEqualTo("web");
        assertThat(mooring.dig("hello." + NAMESPACE)).containsExactly(address(server));

        String client = """
                import time, urllib.request
                while True:
                    try:
                        reply = urllib.request.urlopen('http://hello.demo.internal:8080/', timeout=2).read()
                        print('client got: ' + reply.decode(), flush=True)
                    except Exception as e:
                        print('client failed: ' + repr(e), flush=True)
                    time.sleep(1)
                """;
        mooring.register("client", exec("client", PYTHON, "-c", client).build());
        mooring.ecs().createService(b -> b.cluster(CLUSTER).serviceName("client").taskDefinition("client")
                .desiredCount(1).launchType("FARGATE"));
        String clientId = taskId(mooring.awaitRunning(CLUSTER, "client", 1, Duration.ofSeconds(60)).getFirst()
                .taskArn());

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(mooring.logLines(clientId, "client"))
                .contains("client got: hello from " + RealMooring.hostname(server)));
        assertThat(RealMooring.hostname(server)).as("the server's own hostname, not the host's")
                .startsWith("ip-198-19-");
        mooring.ecs().deleteService(b -> b.cluster(CLUSTER).service("client").force(true));
    }

    @Test
    void aKilledTaskIsReplacedDeregisteredAndResolvedAnewWithinTheTtl() throws Exception {
        JsonNode discovery = webService("victim", 1);
        String serviceId = discovery.path("Id").asText();
        Task old = mooring.awaitRunning(CLUSTER, "victim", 1, Duration.ofSeconds(60)).getFirst();
        String oldId = taskId(old.taskArn());
        await().atMost(Duration.ofSeconds(10)).until(() -> mooring.dig("victim." + NAMESPACE)
                .equals(List.of(address(old))));

        await().atMost(Duration.ofSeconds(10)).until(() -> pythonPid(RealMooring.netns(oldId)).isPresent());
        long pid = pythonPid(RealMooring.netns(oldId)).orElseThrow();
        assertThat(ProcessHandle.of(pid).orElseThrow().destroyForcibly()).as("SIGKILL sent to %d", pid).isTrue();

        Task stopped = mooring.awaitTask(CLUSTER, old.taskArn(), t -> "STOPPED".equals(t.lastStatus()),
                Duration.ofSeconds(30));
        assertThat(stopped.stopCode().toString()).isEqualTo("EssentialContainerExited");
        assertThat(stopped.containers().getFirst().exitCode()).as("killed by signal 9").isEqualTo(137);

        await().atMost(Duration.ofSeconds(60)).until(() -> mooring.serviceTasks(CLUSTER, "victim").stream()
                .anyMatch(t -> "RUNNING".equals(t.lastStatus()) && !t.taskArn().equals(old.taskArn())));
        Task fresh = mooring.serviceTasks(CLUSTER, "victim").getFirst();
        assertThat(address(fresh)).isNotBlank();

        await().atMost(Duration.ofSeconds(TTL)).until(() -> mooring.dig("victim." + NAMESPACE)
                .equals(List.of(address(fresh))));
        assertThat(mooring.instances(serviceId).keySet()).as("the old instance is deregistered")
                .containsExactly(taskId(fresh.taskArn()));
        assertThat(mooring.ecs().describeServices(b -> b.cluster(CLUSTER).services("victim")).services()
                .getFirst().events()).anySatisfy(e -> assertThat(e.message()).contains("task " + oldId + " stopped"));
    }

    @Test
    void anUnknownImageCannotBePulled() {
        mooring.register("nowhere", RealMooring.container("app", "registry.example/nowhere:1.0").build());
        String arn = mooring.ecs().runTask(b -> b.cluster(CLUSTER).taskDefinition("nowhere").launchType("FARGATE"))
                .tasks().getFirst().taskArn();
        Task t = mooring.awaitTask(CLUSTER, arn, x -> "STOPPED".equals(x.lastStatus()), Duration.ofSeconds(30));
        assertThat(t.stopCode().toString()).isEqualTo("TaskFailedToStart");
        assertThat(t.stoppedReason()).startsWith("CannotPullContainerError");
        assertThat(t.containers().getFirst().reason()).startsWith("CannotPullContainerError")
                .contains("registry.example/nowhere:1.0").contains("images.conf");
    }

    /** The container's own program (not its init shell) among the processes of a task's namespace. */
    static Optional<Long> pythonPid(String netns) throws Exception {
        for (long pid : RealMooring.netnsPids(netns)) {
            byte[] cmdline = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
            String argv0 = new String(cmdline, StandardCharsets.UTF_8).split("\0", 2)[0];
            if (argv0.equals(PYTHON)) {
                return Optional.of(pid);
            }
        }
        return Optional.empty();
    }
}
