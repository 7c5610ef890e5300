package dev.mooring.server.it;

import static dev.mooring.server.it.RealMooring.PYTHON;
import static dev.mooring.server.it.RealMooring.exec;
import static dev.mooring.server.it.RealMooring.taskId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mooring.chaos.ChaosEvent;
import dev.mooring.chaos.ChaosException;
import dev.mooring.chaos.ChaosPlan;
import dev.mooring.chaos.ChaosRun;
import dev.mooring.chaos.TaskSignalClient;
import dev.mooring.loadgen.TrafficCommand;
import dev.mooring.task.TaskSignal;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.HealthCheck;
import software.amazon.awssdk.services.ecs.model.PortMapping;
import software.amazon.awssdk.services.ecs.model.ServiceConnectConfiguration;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * The bounded chaos run of issue 7: three HTTP server tasks behind a Service Connect alias, a client task sending a
 * steady 200 idempotent GETs per second for 30 s through the alias (the {@code mooring traffic} generator, run in the
 * client task's network namespace with its {@code /etc/hosts}), and {@code kill -9} of one server task every 5 s
 * through the server's signal endpoint, as {@code mooring chaos} does it. The scheduler replaces each killed task; the
 * client's proxy retries on another task, so no request fails.
 */
class ChaosTest {
    static final String CLUSTER = "chaos";
    static final String NAMESPACE = "chaos.internal";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path stateDir;
    static RealMooring mooring;

    @BeforeAll
    static void start() throws Exception {
        mooring = RealMooring.start(stateDir);
        mooring.ecs().createCluster(b -> b.clusterName(CLUSTER));
        mooring.cloudMap("CreateHttpNamespace", Map.of("Name", NAMESPACE));
        await().atMost(Duration.ofSeconds(10)).until(() -> mooring.cloudMap("ListNamespaces", Map.of())
                .path("Namespaces").size() == 1);
    }

    @AfterAll
    static void stop() {
        if (mooring != null) {
            mooring.close();
        }
    }

    /** {@code mooring traffic} as its own program, so it can run inside a task's network namespace. */
    public static final class Traffic {
        public static void main(String[] args) {
            System.exit(new CommandLine(new TrafficCommand()).execute(args));
        }
    }

    /** What `mooring status` shows of the client's egress cluster: the hosts behind the alias, ejections marked. */
    static Object hosts(Task client) {
        return mooring.server().status().tasks().stream().filter(t -> t.taskArn().equals(client.taskArn()))
                .findFirst().map(t -> t.serviceConnect().hosts().get("web")).orElse(null);
    }

    @Test
    void killingAServerTaskEveryFiveSecondsFailsNoRequestThroughServiceConnect() throws Exception {
        // a whole vCPU and its cpu.shares: with ECS's 2 shares for a container without cpu, a task on a busy machine
        // answers slowly, and the chaos would measure the machine's load
        mooring.ecs().registerTaskDefinition(b -> b.family("web").networkMode("awsvpc").cpu("1024").memory("2048")
                .requiresCompatibilities(Compatibility.FARGATE)
                .containerDefinitions(exec("web", PYTHON, "-c", ServiceConnectTest.WEB_SERVER, "8080").cpu(1024)
                        // readiness: a replacement gets traffic once it answers, not while Python starts
                        .healthCheck(HealthCheck.builder().command("CMD-SHELL",
                                "curl -sf -m 2 http://127.0.0.1:8080/ >/dev/null").interval(5).timeout(3).retries(2)
                                .build())
                        .portMappings(PortMapping.builder().name("http").containerPort(8080).protocol("tcp")
                                .appProtocol("http").build()).build()));
        mooring.register("client", exec("client", "sleep", "3600").build());
        mooring.ecs().createService(b -> b.cluster(CLUSTER).serviceName("web").taskDefinition("web").desiredCount(3)
                .launchType("FARGATE").serviceConnectConfiguration(ServiceConnectTest.server("http", "web", 80, "web",
                        null).toBuilder().namespace(NAMESPACE).build()));
        List<Task> servers = mooring.awaitRunning(CLUSTER, "web", 3, Duration.ofSeconds(60));
        await().atMost(Duration.ofSeconds(30)).until(() -> mooring.serviceTasks(CLUSTER, "web").stream()
                .allMatch(t -> "HEALTHY".equals(t.healthStatusAsString())));
        mooring.ecs().createService(b -> b.cluster(CLUSTER).serviceName("client").taskDefinition("client")
                .desiredCount(1).launchType("FARGATE").serviceConnectConfiguration(ServiceConnectConfiguration
                        .builder().enabled(true).namespace(NAMESPACE).build()));
        Task client = mooring.awaitRunning(CLUSTER, "client", 1, Duration.ofSeconds(60)).getFirst();
        URI endpoint = URI.create(mooring.server().endpointUrl());

        // the endpoint names only this server's tasks, and says why it refuses
        try (TaskSignalClient signals = new TaskSignalClient(endpoint)) {
            assertThatThrownBy(() -> signals.signal("0123456789abcdef0123456789abcdef", TaskSignal.KILL))
                    .isInstanceOf(ChaosException.class).hasMessageContaining("404 NotFound")
                    .extracting(e -> ((ChaosException) e).status()).isEqualTo(404);
        }

        // 10 workers at 20 requests/s each: 200 requests/s for 30 s, from inside the client task
        Path report = stateDir.resolve("traffic.json");
        Path progress = stateDir.resolve("traffic.err");
        List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", RealMooring.netns(taskId(client.taskArn())),
                ProcessHandle.current().info().command().orElseThrow(), "-Xmx128m", "-XX:+UseSerialGC",
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                Traffic.class.getName(), "-z", "30s", "-c", "10", "-q", "20", "-t", "10",
                "--task-cidr", mooring.cidr, "--json", report.toString(), "http://web:80/"));
        Process traffic = new ProcessBuilder(argv).redirectOutput(stateDir.resolve("traffic.out").toFile())
                .redirectError(progress.toFile()).start();
        List<ChaosEvent> events;
        try {
            // chaos starts with the traffic's first second, and its last kill falls inside the 30 s
            await().atMost(Duration.ofSeconds(30)).until(() -> !traffic.isAlive()
                    || Files.readString(progress).contains("[1s]"));
            assertThat(traffic.isAlive()).as("traffic: %s", Files.readString(progress)).isTrue();
            ChaosPlan plan = new ChaosPlan(endpoint, "us-east-1", CLUSTER, "web", Duration.ofSeconds(5),
                    Duration.ofSeconds(27), TaskSignal.KILL);
            events = new ChaosRun(plan, new Random(7)).run(e -> System.out.println("chaos: " + e.line()
                    + "\n  the client's hosts behind web: " + hosts(client)));
            assertThat(traffic.waitFor(40, TimeUnit.SECONDS)).as("the traffic run ends by its own bound").isTrue();
        } finally {
            traffic.destroyForcibly();
        }
        assertThat(traffic.exitValue()).as("traffic: %s", Files.readString(progress)).isZero();

        // five kills, each of a RUNNING web task, its one container process named with its PID
        assertThat(events).hasSize(5).allSatisfy(e -> assertThat(e).isInstanceOf(ChaosEvent.Killed.class));
        List<String> killed = events.stream().map(e -> ((ChaosEvent.Killed) e).taskArn()).toList();
        assertThat(killed).doesNotHaveDuplicates();
        events.forEach(e -> assertThat(((ChaosEvent.Killed) e).signalled().containers())
                .singleElement().satisfies(c -> {
                    assertThat(c.name()).isEqualTo("web");
                    assertThat(c.pid()).isPositive();
                }));

        // zero failed requests through Service Connect, every answer a 200
        JsonNode figures = JSON.readTree(report.toFile());
        System.out.println("chaos through Service Connect: " + figures.path("requests") + " requests, "
                + figures.path("statusCodes") + ", errors " + figures.path("errorKinds") + ", percentiles "
                + figures.path("percentiles"));
        figures.path("seconds").forEach(s -> {
            if (s.path("errors").asLong() > 0 || s.path("status5xx").asLong() > 0) {
                System.out.println("  second with failures: " + s);
            }
        });
        System.out.println("the client's hosts behind web after the run: " + hosts(client));
        assertThat(figures.path("requests").asLong()).isPositive();
        assertThat(figures.path("errors").asLong()).as("errors: %s", figures.path("errorKinds")).isZero();
        assertThat(figures.path("statusCodes").properties()).singleElement()
                .satisfies(e -> assertThat(e.getKey()).isEqualTo("200"));
        assertThat(figures.path("statusCodes").path("200").asLong()).isEqualTo(figures.path("requests").asLong());

        // as on ECS: each killed task stopped because its essential container exited (137), and was replaced
        for (String arn : killed) {
            Task t = mooring.awaitTask(CLUSTER, arn, x -> "STOPPED".equals(x.lastStatus()), Duration.ofSeconds(30));
            assertThat(t.stopCodeAsString()).isEqualTo("EssentialContainerExited");
            assertThat(t.containers().getFirst().exitCode()).isEqualTo(137);
        }
        List<Task> now = mooring.awaitRunning(CLUSTER, "web", 3, Duration.ofSeconds(60));
        assertThat(now).extracting(Task::taskArn).doesNotContainAnyElementsOf(killed);
        assertThat(servers).extracting(Task::taskArn).containsAnyElementsOf(killed);
    }
}
