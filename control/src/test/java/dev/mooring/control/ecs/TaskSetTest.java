package dev.mooring.control.ecs;

import static dev.mooring.control.ecs.EcsTestSupport.error;
import static dev.mooring.control.ecs.EcsTestSupport.registerWeb;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.DeploymentControllerType;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.Scale;
import software.amazon.awssdk.services.ecs.model.ScaleUnit;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskSet;

/** Task sets of a service with the EXTERNAL deployment controller, through the AWS SDK. */
class TaskSetTest extends EcsTestBase {
    @BeforeEach
    void start() {
        ecs.createCluster(b -> b.clusterName("apps"));
        registerWeb(ecs, "blue", "http", 8080);
        registerWeb(ecs, "green", "http", 8080);
    }

    private Service createExternal(String name, int desired) {
        return ecs.createService(b -> b.cluster("apps").serviceName(name).desiredCount(desired)
                .deploymentController(c -> c.type(DeploymentControllerType.EXTERNAL))).service();
    }

    private TaskSet createTaskSet(String family, double percent) {
        return ecs.createTaskSet(b -> b.cluster("apps").service("web").taskDefinition(family).launchType("FARGATE")
                .externalId(family).scale(s -> s.unit(ScaleUnit.PERCENT).value(percent))).taskSet();
    }

    private Map<String, TaskSet> taskSets() {
        return ecs.describeTaskSets(b -> b.cluster("apps").service("web")).taskSets().stream()
                .collect(Collectors.toMap(TaskSet::externalId, Function.identity()));
    }

    /** Running tasks of the service, counted by startedBy. */
    private Map<String, Long> runningByStarter() {
        List<String> arns = ecs.listTasks(b -> b.cluster("apps").serviceName("web")
                .desiredStatus(DesiredStatus.RUNNING)).taskArns();
        if (arns.isEmpty()) {
            return Map.of();
        }
        return ecs.describeTasks(b -> b.cluster("apps").tasks(arns)).tasks().stream()
                .filter(t -> "RUNNING".equals(t.lastStatus()))
                .collect(Collectors.groupingBy(Task::startedBy, Collectors.counting()));
    }

    @Test
    void anExternalServiceNeedsNoTaskDefinitionAndStartsNothingByItself() {
        Service s = createExternal("web", 4);
        assertThat(s.deploymentController().type()).isEqualTo(DeploymentControllerType.EXTERNAL);
        assertThat(s.status()).isEqualTo("ACTIVE");
        assertThat(s.taskDefinition()).isNull();
        assertThat(s.deployments()).isEmpty();
        assertThat(s.taskSets()).isEmpty();
        error("InvalidParameterException", () -> ecs.createService(b -> b.cluster("apps").serviceName("other")
                .desiredCount(1).taskDefinition("blue")
                .deploymentController(c -> c.type(DeploymentControllerType.EXTERNAL))));
    }

    @Test
    void taskSetsStartTheirShareOfTasksScaleAndChangePrimary() {
        createExternal("web", 4);
        TaskSet blue = createTaskSet("blue", 100);
        assertThat(blue.id()).matches("ecs-svc/\\d{19}");
        assertThat(blue.taskSetArn()).isEqualTo("arn:aws:ecs:us-east-1:123456789012:task-set/apps/web/" + blue.id());
        assertThat(blue.status()).isEqualTo("ACTIVE");
        assertThat(blue.computedDesiredCount()).isEqualTo(4);
        assertThat(blue.scale().value()).isEqualTo(100.0);
        assertThat(blue.taskDefinition()).endsWith(":task-definition/blue:1");

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(runningByStarter()).isEqualTo(Map.of(blue.id(), 4L));
            TaskSet now = taskSets().get("blue");
            assertThat(now.runningCount()).isEqualTo(4);
            assertThat(now.stabilityStatusAsString()).isEqualTo("STEADY_STATE");
        });

        TaskSet primary = ecs.updateServicePrimaryTaskSet(b -> b.cluster("apps").service("web")
                .primaryTaskSet(blue.taskSetArn())).taskSet();
        assertThat(primary.status()).isEqualTo("PRIMARY");
        Service s = ecs.describeServices(b -> b.cluster("apps").services("web")).services().getFirst();
        assertThat(s.taskDefinition()).isEqualTo(blue.taskDefinition());

        // a green task set at 50% of 4: ceil(2) tasks beside blue's 4
        TaskSet green = createTaskSet("green", 50);
        assertThat(green.computedDesiredCount()).isEqualTo(2);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(runningByStarter()).isEqualTo(Map.of(blue.id(), 4L, green.id(), 2L)));

        // 30% of 4 is 1.2: ceil gives 2; 10% gives 1
        TaskSet scaled = ecs.updateTaskSet(b -> b.cluster("apps").service("web").taskSet(green.id())
                .scale(Scale.builder().unit(ScaleUnit.PERCENT).value(10.0).build())).taskSet();
        assertThat(scaled.computedDesiredCount()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(runningByStarter()).isEqualTo(Map.of(blue.id(), 4L, green.id(), 1L)));

        // green becomes primary; blue, scaled to 0, is deleted and its tasks are gone
        ecs.updateServicePrimaryTaskSet(b -> b.cluster("apps").service("web").primaryTaskSet(green.id()));
        ecs.updateTaskSet(b -> b.cluster("apps").service("web").taskSet(green.id())
                .scale(Scale.builder().unit(ScaleUnit.PERCENT).value(100.0).build()));
        ecs.updateTaskSet(b -> b.cluster("apps").service("web").taskSet(blue.id())
                .scale(Scale.builder().unit(ScaleUnit.PERCENT).value(0.0).build()));
        Map<String, TaskSet> both = taskSets();
        assertThat(both.get("green").status()).isEqualTo("PRIMARY");
        assertThat(both.get("blue").status()).isEqualTo("ACTIVE");
        assertThat(both.get("blue").computedDesiredCount()).isZero();
        TaskSet deleted = ecs.deleteTaskSet(b -> b.cluster("apps").service("web").taskSet(blue.taskSetArn()))
                .taskSet();
        assertThat(deleted.status()).isEqualTo("DRAINING");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(runningByStarter()).isEqualTo(Map.of(green.id(), 4L));
            assertThat(taskSets()).containsOnlyKeys("green");
        });

        // a new desiredCount rescales the task sets
        ecs.updateService(b -> b.cluster("apps").service("web").desiredCount(2));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(taskSets().get("green").computedDesiredCount()).isEqualTo(2);
            assertThat(runningByStarter()).isEqualTo(Map.of(green.id(), 2L));
        });
    }

    @Test
    void taskSetTagsAreAnsweredWhenAskedFor() {
        createExternal("web", 0);
        ecs.createTaskSet(b -> b.cluster("apps").service("web").taskDefinition("blue").externalId("blue")
                .tags(Tag.builder().key("color").value("blue").build()));
        TaskSet described = ecs.describeTaskSets(b -> b.cluster("apps").service("web").includeWithStrings("TAGS"))
                .taskSets().getFirst();
        assertThat(described.tags()).extracting(Tag::key, Tag::value)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("color", "blue"));
        assertThat(described.scale().value()).isEqualTo(100.0); // AWS's default scale
        assertThat(described.scale().unit()).isEqualTo(ScaleUnit.PERCENT);
    }

    @Test
    void errorsCarryAwsCodes() {
        createExternal("web", 2);
        ecs.createService(b -> b.cluster("apps").serviceName("rolling").taskDefinition("blue").desiredCount(0));

        var notExternal = error("InvalidParameterException", () -> ecs.createTaskSet(b -> b.cluster("apps")
                .service("rolling").taskDefinition("blue")));
        assertThat(notExternal.awsErrorDetails().errorMessage()).isEqualTo("Amazon ECS only supports task set"
                + " management on services configured to use external deployment controllers.");
        error("InvalidParameterException", () -> ecs.describeTaskSets(b -> b.cluster("apps").service("rolling")));
        error("ServiceNotFoundException", () -> ecs.createTaskSet(b -> b.cluster("apps").service("nope")
                .taskDefinition("blue")));
        error("ClusterNotFoundException", () -> ecs.describeTaskSets(b -> b.cluster("nope").service("web")));
        error("ClientException", () -> ecs.createTaskSet(b -> b.cluster("apps").service("web")
                .taskDefinition("missing")));
        error("InvalidParameterException", () -> ecs.createTaskSet(b -> b.cluster("apps").service("web")
                .taskDefinition("blue").scale(s -> s.unit(ScaleUnit.PERCENT).value(150.0))));
        error("TaskSetNotFoundException", () -> ecs.updateTaskSet(b -> b.cluster("apps").service("web")
                .taskSet("ecs-svc/1234567890123456789")
                .scale(Scale.builder().unit(ScaleUnit.PERCENT).value(50.0).build())));
        error("TaskSetNotFoundException", () -> ecs.deleteTaskSet(b -> b.cluster("apps").service("web")
                .taskSet("ecs-svc/1234567890123456789")));
        error("TaskSetNotFoundException", () -> ecs.updateServicePrimaryTaskSet(b -> b.cluster("apps")
                .service("web").primaryTaskSet("ecs-svc/1234567890123456789")));

        TaskSet blue = createTaskSet("blue", 50);
        // scaled above 0 it stays unless forced; forced, it drains
        error("InvalidParameterException", () -> ecs.deleteTaskSet(b -> b.cluster("apps").service("web")
                .taskSet(blue.id())));
        var missing = ecs.describeTaskSets(b -> b.cluster("apps").service("web")
                .taskSets(blue.id(), "ecs-svc/1234567890123456789"));
        assertThat(missing.taskSets()).extracting(TaskSet::id).containsExactly(blue.id());
        assertThat(missing.failures()).hasSize(1);
        assertThat(missing.failures().getFirst().reason()).isEqualTo("MISSING");
        assertThat(ecs.deleteTaskSet(b -> b.cluster("apps").service("web").taskSet(blue.id()).force(true))
                .taskSet().status()).isEqualTo("DRAINING");
        // a service that runs task sets takes no new task definition through UpdateService
        error("InvalidParameterException", () -> ecs.updateService(b -> b.cluster("apps").service("web")
                .taskDefinition("green")));
        // and the server keeps serving
        assertThat(ecs.listServices(b -> b.cluster("apps")).serviceArns()).hasSize(2);
    }

    @Test
    void deletingAnExternalServiceStopsItsTaskSetsTasks() {
        createExternal("web", 2);
        TaskSet blue = createTaskSet("blue", 100);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(runningByStarter()).isEqualTo(Map.of(blue.id(), 2L)));
        ecs.deleteService(b -> b.cluster("apps").service("web").force(true));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(runningByStarter()).isEmpty();
            assertThat(ecs.describeServices(b -> b.cluster("apps").services("web")).services().getFirst().status())
                    .isEqualTo("INACTIVE");
        });
    }
}
