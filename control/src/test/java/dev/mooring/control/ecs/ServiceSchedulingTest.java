package dev.mooring.control.ecs;

import static dev.mooring.control.ecs.EcsTestSupport.error;
import static dev.mooring.control.ecs.EcsTestSupport.registerWeb;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mooring.task.TaskStatus;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceEvent;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.waiters.EcsWaiter;

class ServiceSchedulingTest extends EcsTestBase {
    @BeforeEach
    void start() {
        ecs.createCluster(b -> b.clusterName("apps"));
        registerWeb(ecs, "web", "http", 8080);
    }

    private Service describe(String name) {
        return ecs.describeServices(b -> b.cluster("apps").services(name)).services().getFirst();
    }

    private void awaitStable(String name, int running) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            Service s = describe(name);
            assertThat(s.deployments()).hasSize(1);
            assertThat(s.runningCount()).isEqualTo(running);
            assertThat(s.deployments().getFirst().rolloutStateAsString()).isEqualTo("COMPLETED");
        });
    }

    @Test
    void serviceReachesSteadyStateAndTheWaiterAgrees() {
        Service created = ecs.createService(b -> b.cluster("apps").serviceName("web").taskDefinition("web")
                .desiredCount(3)).service();
        assertThat(created.serviceArn()).isEqualTo("arn:aws:ecs:us-east-1:123456789012:service/apps/web");
        assertThat(created.status()).isEqualTo("ACTIVE");
        Deployment first = created.deployments().getFirst();
        assertThat(first.id()).matches("ecs-svc/\\d{19}");
        assertThat(first.status()).isEqualTo("PRIMARY");
        assertThat(first.rolloutStateAsString()).isEqualTo("IN_PROGRESS");

        try (EcsWaiter waiter = EcsWaiter.builder().client(ecs).overrideConfiguration(o -> o
                .backoffStrategyV2(BackoffStrategy.fixedDelay(Duration.ofMillis(100))).maxAttempts(200)).build()) {
            var outcome = waiter.waitUntilServicesStable(b -> b.cluster("apps").services("web"));
            assertThat(outcome.matched().response()).isPresent();
        }
        Service s = describe("web");
        assertThat(s.runningCount()).isEqualTo(3);
        assertThat(s.pendingCount()).isZero();
        assertThat(s.deployments().getFirst().runningCount()).isEqualTo(3);
        assertThat(s.events()).extracting(ServiceEvent::message)
                .anyMatch(m -> m.contains("has started 3 tasks"))
                .anyMatch(m -> m.contains("has reached a steady state"));
        assertThat(s.events().getFirst().message()).contains("steady state"); // newest first

        List<String> taskArns = ecs.listTasks(b -> b.cluster("apps").serviceName("web")).taskArns();
        assertThat(taskArns).hasSize(3);
        List<Task> tasks = ecs.describeTasks(b -> b.cluster("apps").tasks(taskArns)).tasks();
        assertThat(tasks).allSatisfy(t -> {
            assertThat(t.group()).isEqualTo("service:web");
            assertThat(t.startedBy()).isEqualTo(first.id());
            assertThat(t.lastStatus()).isEqualTo("RUNNING");
        });
        assertThat(ecs.listServices(b -> b.cluster("apps")).serviceArns()).containsExactly(created.serviceArn());
    }

    @Test
    void aTaskThatStopsIsReplacedAndTheEventSaysWhy() {
        ecs.createService(b -> b.cluster("apps").serviceName("web").taskDefinition("web").desiredCount(2));
        awaitStable("web", 2);
        String victim = ecs.listTasks(b -> b.cluster("apps").serviceName("web")).taskArns().getFirst();
        mooring.runtime().crash(Arns.lastSegment(victim), 137, "OutOfMemoryError: container killed");

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            Service s = describe("web");
            assertThat(s.runningCount()).isEqualTo(2);
            assertThat(ecs.listTasks(b -> b.cluster("apps").serviceName("web")).taskArns())
                    .hasSize(2).doesNotContain(victim);
            assertThat(s.events()).extracting(ServiceEvent::message).anyMatch(m -> m.contains(
                    Arns.lastSegment(victim)) && m.contains("OutOfMemoryError"));
            assertThat(s.deployments().getFirst().failedTasks()).isEqualTo(1);
        });
        Task stopped = ecs.describeTasks(b -> b.cluster("apps").tasks(victim)).tasks().getFirst();
        assertThat(stopped.lastStatus()).isEqualTo("STOPPED");
        assertThat(stopped.desiredStatus()).isEqualTo("STOPPED");
        assertThat(stopped.stopCodeAsString()).isEqualTo("EssentialContainerExited");
        assertThat(stopped.containers().getFirst().exitCode()).isEqualTo(137);
        assertThat(ecs.listTasks(b -> b.cluster("apps").desiredStatus(DesiredStatus.STOPPED)).taskArns())
                .contains(victim);
    }

    @Test
    void repeatedFailuresBackOff() {
        assertThat(dev.mooring.control.scheduler.SchedulerBackoff.of(1)).isZero();
        assertThat(dev.mooring.control.scheduler.SchedulerBackoff.of(2)).isEqualTo(Duration.ofSeconds(1));
        assertThat(dev.mooring.control.scheduler.SchedulerBackoff.of(5)).isEqualTo(Duration.ofSeconds(8));
        assertThat(dev.mooring.control.scheduler.SchedulerBackoff.of(50)).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void rollingDeploymentNeverGoesBelowMinimumHealthy() {
        ecs.createService(b -> b.cluster("apps").serviceName("web").taskDefinition("web").desiredCount(4)
                .deploymentConfiguration(d -> d.minimumHealthyPercent(50).maximumPercent(100)));
        awaitStable("web", 4);
        String oldDeployment = describe("web").deployments().getFirst().id();
        registerWeb(ecs, "web", "http", 8080);

        AtomicInteger minHealthy = new AtomicInteger(Integer.MAX_VALUE);
        AtomicInteger maxLive = new AtomicInteger();
        var tasks = mooring.control().ecs().tables().tasks();
        Runnable sample = () -> {
            List<StoredTask> all = tasks.all();
            int healthy = (int) all.stream().filter(t -> t.task().lastStatus() == TaskStatus.RUNNING
                    && t.task().desiredStatus() == TaskStatus.RUNNING).count();
            int live = (int) all.stream().filter(t -> !t.task().isStopped()).count();
            minHealthy.accumulateAndGet(healthy, Math::min);
            maxLive.accumulateAndGet(live, Math::max);
        };
        mooring.store().onChange(sample);

        Service updated = ecs.updateService(b -> b.cluster("apps").service("web").taskDefinition("web:2"))
                .service();
        assertThat(updated.deployments()).extracting(Deployment::status).containsExactly("PRIMARY", "ACTIVE");
        assertThat(updated.deployments().get(1).id()).isEqualTo(oldDeployment);
        awaitStable("web", 4);

        Service s = describe("web");
        assertThat(s.taskDefinition()).endsWith("web:2");
        assertThat(s.deployments().getFirst().taskDefinition()).endsWith("web:2");
        assertThat(minHealthy.get()).isGreaterThanOrEqualTo(2);
        // maximumPercent 100: stopping tasks still count as live until the runtime lets them go
        assertThat(ecs.listTasks(b -> b.cluster("apps").serviceName("web")).taskArns()).hasSize(4);
        List<Task> old = ecs.describeTasks(b -> b.cluster("apps").tasks(ecs.listTasks(l -> l.cluster("apps")
                .desiredStatus(DesiredStatus.STOPPED)).taskArns())).tasks();
        assertThat(old).hasSize(4).allSatisfy(t -> {
            assertThat(t.startedBy()).isEqualTo(oldDeployment);
            assertThat(t.stopCodeAsString()).isEqualTo("ServiceSchedulerInitiated");
        });
    }

    @Test
    void scalingInStopsTasksAndDesiredCountAloneStartsNoDeployment() {
        ecs.createService(b -> b.cluster("apps").serviceName("web").taskDefinition("web").desiredCount(3));
        awaitStable("web", 3);
        Service s = ecs.updateService(b -> b.cluster("apps").service("web").desiredCount(1)).service();
        assertThat(s.deployments()).hasSize(1);
        assertThat(s.desiredCount()).isEqualTo(1);
        awaitStable("web", 1);
        assertThat(ecs.listTasks(b -> b.cluster("apps").serviceName("web")).taskArns()).hasSize(1);
    }

    @Test
    void aDeregisteredTaskDefinitionKeepsItsServiceRunningButStartsNothingNew() {
        ecs.createService(b -> b.cluster("apps").serviceName("web").taskDefinition("web:1").desiredCount(1));
        awaitStable("web", 1);
        registerWeb(ecs, "web", "http", 8080);
        assertThat(ecs.deregisterTaskDefinition(b -> b.taskDefinition("web:1")).taskDefinition().statusAsString())
                .isEqualTo("INACTIVE");
        var inactive = ecs.describeTaskDefinition(b -> b.taskDefinition("web:1")).taskDefinition();
        assertThat(inactive.statusAsString()).isEqualTo("INACTIVE");
        assertThat(inactive.deregisteredAt()).isNotNull();
        assertThat(ecs.describeTaskDefinition(b -> b.taskDefinition("web")).taskDefinition().revision()).isEqualTo(2);

        // ECS: an INACTIVE task definition runs no new task and backs no new service or new deployment
        error("ClientException", () -> ecs.runTask(b -> b.cluster("apps").taskDefinition("web:1")));
        error("ClientException", () -> ecs.createService(b -> b.cluster("apps").serviceName("other")
                .taskDefinition(inactive.taskDefinitionArn()).desiredCount(1)));
        ecs.createService(b -> b.cluster("apps").serviceName("api").taskDefinition("web:2").desiredCount(0));
        error("ClientException", () -> ecs.updateService(b -> b.cluster("apps").service("api")
                .taskDefinition("web:1")));
        assertThat(ecs.listServices(b -> b.cluster("apps")).serviceArns()).hasSize(2);
        assertThat(describe("api").taskDefinition()).endsWith("web:2");

        // the service that already uses it keeps running, and can still scale
        ecs.updateService(b -> b.cluster("apps").service("web").desiredCount(2));
        awaitStable("web", 2);
        assertThat(describe("web").taskDefinition()).endsWith("web:1");
    }

    @Test
    void deleteServiceDrainsToInactive() {
        ecs.createService(b -> b.cluster("apps").serviceName("web").taskDefinition("web").desiredCount(2));
        awaitStable("web", 2);
        error("InvalidParameterException", () -> ecs.deleteService(b -> b.cluster("apps").service("web")));
        Service draining = ecs.deleteService(b -> b.cluster("apps").service("web").force(true)).service();
        assertThat(draining.status()).isEqualTo("DRAINING");
        assertThat(draining.desiredCount()).isZero();
        await().atMost(Duration.ofSeconds(20)).until(() -> describe("web").status().equals("INACTIVE"));
        assertThat(ecs.listTasks(b -> b.cluster("apps")).taskArns()).isEmpty();
        assertThat(ecs.listServices(b -> b.cluster("apps")).serviceArns()).isEmpty();
        error("ServiceNotActiveException", () -> ecs.updateService(b -> b.cluster("apps").service("web")
                .desiredCount(1)));
        error("ServiceNotFoundException", () -> ecs.deleteService(b -> b.cluster("apps").service("web")));
        // the name is free again
        assertThat(ecs.createService(b -> b.cluster("apps").serviceName("web").taskDefinition("web")
                .desiredCount(1)).service().status()).isEqualTo("ACTIVE");
    }

    @Test
    void createServiceIsIdempotentOnClientToken() {
        Service a = ecs.createService(b -> b.cluster("apps").serviceName("web").taskDefinition("web")
                .desiredCount(1).clientToken("tok-1")).service();
        Service again = ecs.createService(b -> b.cluster("apps").serviceName("web").taskDefinition("web")
                .desiredCount(1).clientToken("tok-1")).service();
        assertThat(again.deployments().getFirst().id()).isEqualTo(a.deployments().getFirst().id());
        error("InvalidParameterException", () -> ecs.createService(b -> b.cluster("apps").serviceName("web")
                .taskDefinition("web").desiredCount(1).clientToken("tok-2")));
    }

    @Test
    void errorsNameTheProblem() {
        error("ClusterNotFoundException", () -> ecs.createService(b -> b.cluster("nope").serviceName("web")
                .taskDefinition("web").desiredCount(1)));
        error("ClusterNotFoundException", () -> ecs.describeServices(b -> b.cluster("nope").services("web")));
        error("ServiceNotFoundException", () -> ecs.updateService(b -> b.cluster("apps").service("nope")
                .desiredCount(1)));
        error("InvalidParameterException", () -> ecs.createService(b -> b.cluster("apps").serviceName("web")
                .taskDefinition("web")));
        error("InvalidParameterException", () -> ecs.createService(b -> b.cluster("apps").taskDefinition("web")
                .desiredCount(1)));
        error("ClientException", () -> ecs.createService(b -> b.cluster("apps").serviceName("web")
                .taskDefinition("nothing").desiredCount(1)));
        ecs.createService(b -> b.cluster("apps").serviceName("idle").taskDefinition("web").desiredCount(0));
        error("ClusterContainsServicesException", () -> ecs.deleteCluster(b -> b.cluster("apps")));
        var missing = ecs.describeServices(b -> b.cluster("apps").services("ghost"));
        assertThat(missing.failures()).singleElement().satisfies(f -> {
            // AWS names a missing service without its cluster
            assertThat(f.arn()).isEqualTo("arn:aws:ecs:us-east-1:123456789012:service/ghost");
            assertThat(f.reason()).isEqualTo("MISSING");
        });
    }
}
