package dev.mooring.control.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mooring.api.ApiServer;
import dev.mooring.control.TestApi;
import dev.mooring.control.ControlPlane;
import dev.mooring.store.Store;
import dev.mooring.task.TaskLaunch;
import dev.mooring.task.TaskObservation;
import dev.mooring.task.TaskRuntime;
import dev.mooring.task.simulated.SimulatedRuntime;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Task;

/** One task the runtime cannot take must not stall the others: it stops with TaskFailedToStart, they run. */
class IsolatedFailureTest {
    /** A runtime that refuses one family, as a runtime bug or a launch plan that cannot be built would. */
    private record Refusing(TaskRuntime inner, String family) implements TaskRuntime {
        @Override
        public String name() {
            return inner.name();
        }

        @Override
        public void launch(TaskLaunch launch) {
            if (launch.family().equals(family)) {
                throw new IllegalStateException("cannot launch family " + family);
            }
            inner.launch(launch);
        }

        @Override
        public void stop(String taskId, String reason) {
            inner.stop(taskId, reason);
        }

        @Override
        public Optional<TaskObservation> observe(String taskId) {
            return inner.observe(taskId);
        }

        @Override
        public Set<String> taskIds() {
            return inner.taskIds();
        }

        @Override
        public void release(String taskId) {
            inner.release(taskId);
        }

        @Override
        public void onChange(Consumer<String> listener) {
            inner.onChange(listener);
        }

        @Override
        public void close() {
            inner.close();
        }
    }

    @TempDir
    Path dir;

    @Test
    void aTaskThatCannotLaunchStopsAndTheOthersRun() throws Exception {
        try (Store store = Store.open(dir);
             TaskRuntime runtime = new Refusing(new SimulatedRuntime(Clock.systemUTC(), Duration.ZERO), "broken");
             ControlPlane control = new ControlPlane(store, runtime, "123456789012", Clock.systemUTC());
             ApiServer api = TestApi.start(control);
             EcsClient ecs = EcsClient.builder().endpointOverride(URI.create("http://127.0.0.1:" + api.address().getPort()))
                     .region(Region.US_EAST_1).httpClient(UrlConnectionHttpClient.create())
                     .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("t", "t")))
                     .build()) {
            control.start();
            ecs.createCluster(b -> b.clusterName("default"));
            for (String family : new String[] {"broken", "fine"}) {
                ecs.registerTaskDefinition(b -> b.family(family).containerDefinitions(c -> c.name("app")
                        .image("mooring/exec").command("sleep", "60")));
            }
            String broken = ecs.runTask(b -> b.taskDefinition("broken")).tasks().getFirst().taskArn();
            String fine = ecs.runTask(b -> b.taskDefinition("fine")).tasks().getFirst().taskArn();

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                var tasks = ecs.describeTasks(b -> b.tasks(broken, fine)).tasks();
                Task b = tasks.stream().filter(t -> t.taskArn().equals(broken)).findFirst().orElseThrow();
                Task f = tasks.stream().filter(t -> t.taskArn().equals(fine)).findFirst().orElseThrow();
                assertThat(b.lastStatus()).isEqualTo("STOPPED");
                assertThat(b.stopCodeAsString()).isEqualTo("TaskFailedToStart");
                assertThat(b.stoppedReason()).contains("cannot launch family broken");
                assertThat(f.lastStatus()).isEqualTo("RUNNING");
            });
        }
    }
}
