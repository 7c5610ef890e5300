package dev.mooring.control.ecs;

import static dev.mooring.control.ecs.EcsTestSupport.error;
import static dev.mooring.control.ecs.EcsTestSupport.registerWeb;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.PropagateTags;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskField;

/** Tags tasks get at launch: their own, propagated from the service or task definition, and ECS managed tags. */
class TaskTagsTest extends EcsTestBase {
    @BeforeEach
    void start() {
        ecs.createCluster(b -> b.clusterName("apps"));
        registerWeb(ecs, "web", "http", 8080);
        String td = ecs.describeTaskDefinition(b -> b.taskDefinition("web")).taskDefinition().taskDefinitionArn();
        ecs.tagResource(b -> b.resourceArn(td).tags(tag("layer", "frontend")));
    }

    private static Tag tag(String key, String value) {
        return Tag.builder().key(key).value(value).build();
    }

    private List<Tag> tagsOf(String taskArn) {
        Task t = ecs.describeTasks(b -> b.cluster("apps").tasks(taskArn).include(TaskField.TAGS)).tasks().getFirst();
        assertThat(ecs.listTagsForResource(b -> b.resourceArn(taskArn)).tags())
                .containsExactlyInAnyOrderElementsOf(t.tags());
        return t.tags();
    }

    @Test
    void serviceTasksGetTheServiceTagsAndManagedTags() {
        // the sample app's services: PropagateTags SERVICE, EnableECSManagedTags true (sample-app §4.7)
        ecs.createService(b -> b.cluster("apps").serviceName("yelb-ui").taskDefinition("web").desiredCount(2)
                .tags(tag("app", "yelb")).propagateTags(PropagateTags.SERVICE).enableECSManagedTags(true));
        await().atMost(Duration.ofSeconds(10)).until(() -> ecs.listTasks(b -> b.cluster("apps")
                .serviceName("yelb-ui")).taskArns().size() == 2);
        for (String arn : ecs.listTasks(b -> b.cluster("apps").serviceName("yelb-ui")).taskArns()) {
            assertThat(tagsOf(arn)).containsExactlyInAnyOrder(tag("app", "yelb"),
                    tag("aws:ecs:clusterName", "apps"), tag("aws:ecs:serviceName", "yelb-ui"));
        }
    }

    @Test
    void serviceTasksCanTakeTheTaskDefinitionTags() {
        ecs.createService(b -> b.cluster("apps").serviceName("web").taskDefinition("web").desiredCount(1)
                .tags(tag("app", "yelb")).propagateTags(PropagateTags.TASK_DEFINITION));
        await().atMost(Duration.ofSeconds(10)).until(() -> ecs.listTasks(b -> b.cluster("apps")
                .serviceName("web")).taskArns().size() == 1);
        String arn = ecs.listTasks(b -> b.cluster("apps").serviceName("web")).taskArns().getFirst();
        assertThat(tagsOf(arn)).containsExactly(tag("layer", "frontend"));
    }

    @Test
    void serviceTasksGetNoTagsByDefault() {
        ecs.createService(b -> b.cluster("apps").serviceName("web").taskDefinition("web").desiredCount(1)
                .tags(tag("app", "yelb")));
        await().atMost(Duration.ofSeconds(10)).until(() -> ecs.listTasks(b -> b.cluster("apps")
                .serviceName("web")).taskArns().size() == 1);
        String arn = ecs.listTasks(b -> b.cluster("apps").serviceName("web")).taskArns().getFirst();
        assertThat(tagsOf(arn)).isEmpty();
    }

    @Test
    void turningPropagationOnStartsANewDeploymentWhoseTasksCarryTheTags() {
        ecs.createService(b -> b.cluster("apps").serviceName("web").taskDefinition("web").desiredCount(1)
                .tags(tag("app", "yelb")));
        var updated = ecs.updateService(b -> b.cluster("apps").service("web")
                .propagateTags(PropagateTags.SERVICE).enableECSManagedTags(true)).service();
        // UpdateService: changing the managed tags or propagate tags option starts new tasks with it
        assertThat(updated.deployments()).hasSize(2);
        assertThat(updated.propagateTagsAsString()).isEqualTo("SERVICE");
        String primary = updated.deployments().getFirst().id();
        await().atMost(Duration.ofSeconds(10)).until(() -> ecs.listTasks(b -> b.cluster("apps")
                .startedBy(primary)).taskArns().size() == 1);
        String arn = ecs.listTasks(b -> b.cluster("apps").startedBy(primary)).taskArns().getFirst();
        assertThat(tagsOf(arn)).containsExactlyInAnyOrder(tag("app", "yelb"), tag("aws:ecs:clusterName", "apps"),
                tag("aws:ecs:serviceName", "web"));
        // the same options again change nothing
        assertThat(ecs.updateService(b -> b.cluster("apps").service("web").propagateTags(PropagateTags.SERVICE)
                .enableECSManagedTags(true)).service().deployments().getFirst().id()).isEqualTo(primary);
    }

    @Test
    void runTaskPropagatesTaskDefinitionTagsAndAddsManagedTags() {
        Task started = ecs.runTask(b -> b.cluster("apps").taskDefinition("web").tags(tag("job", "nightly"))
                .propagateTags(PropagateTags.TASK_DEFINITION).enableECSManagedTags(true)).tasks().getFirst();
        List<Tag> expected = List.of(tag("job", "nightly"), tag("layer", "frontend"),
                tag("aws:ecs:clusterName", "apps"));
        assertThat(started.tags()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(tagsOf(started.taskArn())).containsExactlyInAnyOrderElementsOf(expected);

        // a task's own tag wins over a propagated one with the same key
        Task own = ecs.runTask(b -> b.cluster("apps").taskDefinition("web").tags(tag("layer", "batch"))
                .propagateTags(PropagateTags.TASK_DEFINITION)).tasks().getFirst();
        assertThat(tagsOf(own.taskArn())).containsExactly(tag("layer", "batch"));
    }

    @Test
    void includeNamesOnlyFieldsTheCallKnows() {
        String task = ecs.runTask(b -> b.cluster("apps").taskDefinition("web")).tasks().getFirst().taskArn();
        ecs.createService(b -> b.cluster("apps").serviceName("web").taskDefinition("web").desiredCount(0));
        // "TAG" for "TAGS" would otherwise answer without tags and no hint why
        error("InvalidParameterException", () -> ecs.describeTasks(b -> b.cluster("apps").tasks(task)
                .includeWithStrings("TAG")));
        error("InvalidParameterException", () -> ecs.describeServices(b -> b.cluster("apps").services("web")
                .includeWithStrings("TAG")));
        error("InvalidParameterException", () -> ecs.describeTaskDefinition(b -> b.taskDefinition("web")
                .includeWithStrings("TAG")));
        assertThat(ecs.describeTaskDefinition(b -> b.taskDefinition("web").includeWithStrings("TAGS")).tags())
                .containsExactly(tag("layer", "frontend"));
    }

    @Test
    void propagateTagsMustBeAValueThatAppliesToTheCall() {
        // ECS: "An error will be received if you specify the SERVICE option when running a task."
        error("InvalidParameterException", () -> ecs.runTask(b -> b.cluster("apps").taskDefinition("web")
                .propagateTags(PropagateTags.SERVICE)));
        error("InvalidParameterException", () -> ecs.createService(b -> b.cluster("apps").serviceName("web")
                .taskDefinition("web").desiredCount(1).propagateTags("EVERYTHING")));
        ecs.createService(b -> b.cluster("apps").serviceName("web").taskDefinition("web").desiredCount(0));
        error("InvalidParameterException", () -> ecs.updateService(b -> b.cluster("apps").service("web")
                .propagateTags("EVERYTHING")));
        assertThat(ecs.listTasks(b -> b.cluster("apps")).taskArns()).isEmpty();
    }
}
