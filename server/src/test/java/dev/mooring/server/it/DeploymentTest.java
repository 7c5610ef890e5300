package dev.mooring.server.it;

import static dev.mooring.server.it.RealMooring.env;
import static dev.mooring.server.it.RealMooring.exec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.HealthCheck;
import software.amazon.awssdk.services.ecs.model.Task;

/** The service scheduler over real processes: a rolling deployment and a replacement for a failed health check. */
class DeploymentTest {
    static final String CLUSTER = "deployments";

    @TempDir
    static Path stateDir;
    static RealMooring mooring;

    @BeforeAll
    static void start() throws Exception {
        mooring = RealMooring.start(stateDir);
        mooring.ecs().createCluster(b -> b.clusterName(CLUSTER));
    }

    @AfterAll
    static void stop() {
        if (mooring != null) {
            mooring.close();
        }
    }

    /** A container that turns healthy a moment after it starts, so a new task is RUNNING before it is HEALTHY. */
    static ContainerDefinition slowToBeHealthy(String version) {
        return exec("app", "/bin/sh", "-c", "sleep 2; touch \"$HOME/ready\"; exec sleep 600")
                .environment(env("VERSION", version))
                .healthCheck(HealthCheck.builder().command("CMD-SHELL", "test -f \"$HOME/ready\"").interval(1)
                        .timeout(2).retries(2).startPeriod(0).build())
                .build();
    }

    /** What one look at the service saw: tasks RUNNING and HEALTHY, and tasks meant to run. */
    record Sample(int healthy, int live, List<String> revisions) {}

    @Test
    void aRollingDeploymentOfThreeTasksNeverDropsBelowTheMinimumHealthy() {
        mooring.register("roll", slowToBeHealthy("1"));
        String v2 = mooring.register("roll", slowToBeHealthy("2")).taskDefinitionArn();
        mooring.ecs().createService(b -> b.cluster(CLUSTER).serviceName("roll").taskDefinition("roll:1")
                .desiredCount(3).launchType("FARGATE")
                .deploymentConfiguration(c -> c.minimumHealthyPercent(100).maximumPercent(200)));
        await().atMost(Duration.ofSeconds(60)).until(() -> sample().healthy() == 3);

        mooring.ecs().updateService(b -> b.cluster(CLUSTER).service("roll").taskDefinition("roll:2"));
        List<Sample> samples = new ArrayList<>();
        // a sampling loop bounded in time: every look during the roll is kept, then all are checked
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() -> {
            Sample s = sample();
            samples.add(s);
            return s.healthy() == 3 && s.live() == 3 && s.revisions().stream().allMatch(v2::equals);
        });
        assertThat(samples).as("samples taken during the roll").hasSizeGreaterThan(3);
        assertThat(samples).allSatisfy(s -> {
            assertThat(s.healthy()).as("RUNNING and HEALTHY tasks (minimumHealthyPercent 100 of 3)")
                    .isGreaterThanOrEqualTo(3);
            assertThat(s.live()).as("tasks meant to run (maximumPercent 200 of 3)").isLessThanOrEqualTo(6);
        });
        assertThat(samples).as("the roll went through both revisions at once")
                .anySatisfy(s -> assertThat(s.live()).isGreaterThan(3));
        await().atMost(Duration.ofSeconds(30)).until(() -> mooring.ecs().describeServices(b -> b.cluster(CLUSTER)
                .services("roll")).services().getFirst().deployments().size() == 1);
        var service = mooring.ecs().describeServices(b -> b.cluster(CLUSTER).services("roll")).services().getFirst();
        assertThat(service.deployments().getFirst().taskDefinition()).isEqualTo(v2);
        assertThat(service.deployments().getFirst().rolloutStateAsString()).isEqualTo("COMPLETED");
        mooring.ecs().deleteService(b -> b.cluster(CLUSTER).service("roll").force(true));
    }

    private static Sample sample() {
        List<Task> tasks = mooring.serviceTasks(CLUSTER, "roll");
        int healthy = (int) tasks.stream().filter(t -> "RUNNING".equals(t.lastStatus())
                && "RUNNING".equals(t.desiredStatus()) && "HEALTHY".equals(t.healthStatusAsString())).count();
        int live = (int) tasks.stream().filter(t -> "RUNNING".equals(t.desiredStatus())).count();
        return new Sample(healthy, live, tasks.stream().map(Task::taskDefinitionArn).toList());
    }

    @Test
    void aTaskFailingItsHealthCheckIsReplaced() {
        // healthy for a few seconds, then the file its check looks for is gone
        mooring.register("flaky", exec("app", "/bin/sh", "-c",
                "touch \"$HOME/ok\"; sleep 4; rm \"$HOME/ok\"; exec sleep 600")
                .healthCheck(HealthCheck.builder().command("CMD-SHELL", "test -f \"$HOME/ok\"").interval(1)
                        .timeout(2).retries(2).startPeriod(0).build())
                .build());
        mooring.ecs().createService(b -> b.cluster(CLUSTER).serviceName("flaky").taskDefinition("flaky")
                .desiredCount(1).launchType("FARGATE"));
        Task first = mooring.awaitRunning(CLUSTER, "flaky", 1, Duration.ofSeconds(60)).getFirst();
        await().atMost(Duration.ofSeconds(10)).until(() -> "HEALTHY".equals(
                mooring.describe(CLUSTER, first.taskArn()).healthStatusAsString()));

        Task stopped = mooring.awaitTask(CLUSTER, first.taskArn(), t -> "STOPPED".equals(t.lastStatus()),
                Duration.ofSeconds(30));
        assertThat(stopped.healthStatusAsString()).isEqualTo("UNHEALTHY");
        assertThat(stopped.containers().getFirst().healthStatusAsString()).isEqualTo("UNHEALTHY");
        assertThat(stopped.stopCode().toString()).isEqualTo("ServiceSchedulerInitiated");
        assertThat(stopped.stoppedReason()).isEqualTo("Task failed container health checks");
        await().atMost(Duration.ofSeconds(30)).until(() -> mooring.serviceTasks(CLUSTER, "flaky").stream()
                .anyMatch(t -> "RUNNING".equals(t.lastStatus()) && !t.taskArn().equals(first.taskArn())));
        assertThat(mooring.ecs().describeServices(b -> b.cluster(CLUSTER).services("flaky")).services().getFirst()
                .events()).anySatisfy(e -> assertThat(e.message())
                .contains("(task " + RealMooring.taskId(first.taskArn()) + ") failed container health checks"));
        mooring.ecs().deleteService(b -> b.cluster(CLUSTER).service("flaky").force(true));
    }
}
