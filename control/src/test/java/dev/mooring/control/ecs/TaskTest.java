package dev.mooring.control.ecs;

import static dev.mooring.control.ecs.EcsTestSupport.error;
import static dev.mooring.control.ecs.EcsTestSupport.registerWeb;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mooring.task.TaskLaunch;
import dev.mooring.task.simulated.SimulatedRuntime;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.ContainerOverride;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.Task;

class TaskTest extends EcsTestBase {
    @BeforeEach
    void start() {
        ecs.createCluster(b -> b.clusterName("jobs"));
        registerWeb(ecs, "web", "http", 8080);
    }

    private Task describe(String arn) {
        return ecs.describeTasks(b -> b.cluster("jobs").tasks(arn)).tasks().getFirst();
    }

    @Test
    void runTaskGoesThroughTheLifecycleAndStopTaskEndsIt() {
        List<Task> started = ecs.runTask(b -> b.cluster("jobs").taskDefinition("web").count(2)
                .overrides(o -> o.containerOverrides(ContainerOverride.builder().name("web").environment(
                        KeyValuePair.builder().name("MODE").value("batch").build()).build()))).tasks();
        assertThat(started).hasSize(2).allSatisfy(t -> {
            assertThat(t.taskArn()).matches("arn:aws:ecs:us-east-1:123456789012:task/jobs/[0-9a-f]{32}");
            assertThat(t.lastStatus()).isEqualTo("PROVISIONING");
            assertThat(t.desiredStatus()).isEqualTo("RUNNING");
            assertThat(t.group()).isEqualTo("family:web");
            assertThat(t.containers().getFirst().containerArn()).contains(":container/jobs/");
        });
        String arn = started.getFirst().taskArn();
        await().atMost(Duration.ofSeconds(10)).until(() -> describe(arn).lastStatus().equals("RUNNING"));
        Task running = describe(arn);
        assertThat(running.startedAt()).isNotNull();
        assertThat(running.connectivityAsString()).isEqualTo("CONNECTED");
        assertThat(running.version()).isGreaterThan(1L);
        String ip = running.containers().getFirst().networkInterfaces().getFirst().privateIpv4Address();
        assertThat(ip).startsWith("198.18.");
        assertThat(running.attachments()).singleElement().satisfies(a -> {
            assertThat(a.type()).isEqualTo("ElasticNetworkInterface");
            assertThat(a.status()).isEqualTo("ATTACHED");
            assertThat(a.details()).contains(KeyValuePair.builder().name("privateIPv4Address").value(ip).build());
        });
        assertThat(running.overrides().containerOverrides().getFirst().environment()).hasSize(1);

        Task stopping = ecs.stopTask(b -> b.cluster("jobs").task(arn).reason("done for today")).task();
        assertThat(stopping.desiredStatus()).isEqualTo("STOPPED");
        await().atMost(Duration.ofSeconds(10)).until(() -> describe(arn).lastStatus().equals("STOPPED"));
        Task stopped = describe(arn);
        assertThat(stopped.stopCodeAsString()).isEqualTo("UserInitiated");
        assertThat(stopped.stoppedReason()).isEqualTo("done for today");
        assertThat(stopped.stoppedAt()).isNotNull();
        assertThat(stopped.stoppingAt()).isNotNull();
        assertThat(stopped.attachments().getFirst().status()).isEqualTo("DELETED");
        assertThat(ecs.listTasks(b -> b.cluster("jobs")).taskArns()).containsExactly(started.get(1).taskArn());
        assertThat(ecs.listTasks(b -> b.cluster("jobs").desiredStatus(DesiredStatus.STOPPED)).taskArns())
                .containsExactly(arn);
        // stopping again is harmless
        assertThat(ecs.stopTask(b -> b.cluster("jobs").task(Arns.lastSegment(arn))).task().lastStatus())
                .isEqualTo("STOPPED");
    }

    @Test
    void runTaskIsIdempotentOnClientToken() {
        List<Task> first = ecs.runTask(b -> b.cluster("jobs").taskDefinition("web:1").count(3).clientToken("abc"))
                .tasks();
        List<Task> retry = ecs.runTask(b -> b.cluster("jobs").taskDefinition("web:1").count(3).clientToken("abc"))
                .tasks();
        assertThat(retry).extracting(Task::taskArn)
                .containsExactlyInAnyOrderElementsOf(first.stream().map(Task::taskArn).toList());
        assertThat(ecs.listTasks(b -> b.cluster("jobs")).taskArns()).hasSize(3);
    }

    @Test
    void listingTasksPagesAndDescribeReportsMissing() {
        ecs.runTask(b -> b.cluster("jobs").taskDefinition("web").count(10));
        ecs.runTask(b -> b.cluster("jobs").taskDefinition("web").count(5).startedBy("nightly"));
        assertThat(ecs.listTasksPaginator(b -> b.cluster("jobs").maxResults(4)).taskArns()).hasSize(15);
        assertThat(ecs.listTasks(b -> b.cluster("jobs").startedBy("nightly")).taskArns()).hasSize(5);
        assertThat(ecs.listTasks(b -> b.cluster("jobs").family("web")).taskArns()).hasSize(15);
        assertThat(ecs.listTasks(b -> b.cluster("jobs").family("other")).taskArns()).isEmpty();
        var missing = ecs.describeTasks(b -> b.cluster("jobs").tasks("0123456789abcdef0123456789abcdef"));
        assertThat(missing.failures()).singleElement().satisfies(f -> {
            assertThat(f.reason()).isEqualTo("MISSING");
            assertThat(f.arn()).isEqualTo("arn:aws:ecs:us-east-1:123456789012:task/jobs/"
                    + "0123456789abcdef0123456789abcdef");
        });
    }

    /**
     * A task the runtime runs with no task row (a reset racing a pass that launches) is stopped and released: no
     * process is left that nothing knows about.
     */
    @Test
    void aTaskTheRuntimeRunsWithNoRecordIsStoppedAndReleased() {
        String id = "0123456789abcdef0123456789abcdef";
        SimulatedRuntime runtime = mooring.runtime();
        runtime.launch(new TaskLaunch("arn:aws:ecs:us-east-1:123456789012:task/jobs/" + id, id, "us-east-1", "jobs",
                "web", 1, List.of(), List.of(), null, null));
        assertThat(runtime.taskIds()).contains(id);
        await().atMost(Duration.ofSeconds(10)).until(() -> !runtime.taskIds().contains(id));
        assertThat(runtime.observe(id)).isEmpty();
        assertThat(ecs.listTasks(b -> b.cluster("jobs")).taskArns()).isEmpty();
    }

    @Test
    void errors() {
        error("InvalidParameterException", () -> ecs.runTask(b -> b.cluster("jobs").taskDefinition("web")
                .count(11)));
        error("InvalidParameterException", () -> ecs.runTask(b -> b.cluster("jobs")));
        error("ClusterNotFoundException", () -> ecs.runTask(b -> b.cluster("nope").taskDefinition("web")));
        error("InvalidParameterException", () -> ecs.runTask(b -> b.cluster("jobs").taskDefinition("web")
                .overrides(o -> o.containerOverrides(ContainerOverride.builder().name("ghost").build()))));
        // a task-level override must be a size the runtime can apply, as a task definition's must
        error("ClientException", () -> ecs.runTask(b -> b.cluster("jobs").taskDefinition("web")
                .overrides(o -> o.cpu("lots"))));
        error("ClientException", () -> ecs.runTask(b -> b.cluster("jobs").taskDefinition("web")
                .overrides(o -> o.memory("1 TB"))));
        assertThat(ecs.listTasks(b -> b.cluster("jobs")).taskArns()).isEmpty();
        error("InvalidParameterException", () -> ecs.stopTask(b -> b.cluster("jobs")
                .task("0123456789abcdef0123456789abcdef")));
        error("ServiceNotFoundException", () -> ecs.listTasks(b -> b.cluster("jobs").serviceName("ghost")));
        error("ClusterContainsTasksException", () -> {
            ecs.runTask(b -> b.cluster("jobs").taskDefinition("web"));
            ecs.deleteCluster(b -> b.cluster("jobs"));
        });
    }
}
