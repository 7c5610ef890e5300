package dev.mooring.control.ecs;

import static dev.mooring.control.ecs.EcsTestSupport.registerWeb;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mooring.control.MooringFixture;
import dev.mooring.task.TaskStatus;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecs.EcsClient;

/**
 * A thousand services of a few tasks all converge, and every service reports the counts its tasks justify. How fast
 * the API answers meanwhile is measured by bench/api-latency.sh, not here.
 */
class ScaleTest {
    static final int SERVICES = 1000;
    static final int TASKS_EACH = 3;

    @TempDir
    Path dir;
    MooringFixture mooring;

    @BeforeEach
    void start() {
        mooring = new MooringFixture(dir, Duration.ofMillis(50));
    }

    @AfterEach
    void stop() {
        mooring.close();
    }

    @Test
    void aThousandServicesConverge() {
        EcsClient ecs = mooring.ecs();
        ecs.createCluster(b -> b.clusterName("big"));
        registerWeb(ecs, "web", "http", 8080);
        for (int i = 0; i < SERVICES; i++) {
            int n = i;
            ecs.createService(b -> b.cluster("big").serviceName("s" + n).taskDefinition("web")
                    .desiredCount(TASKS_EACH));
        }
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).until(() ->
                mooring.control().ecs().tables().tasks().stream()
                        .filter(t -> t.task().lastStatus() == TaskStatus.RUNNING).count() == (long) SERVICES * TASKS_EACH);
        for (int i = 0; i < SERVICES; i += 97) {
            int n = i;
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                var service = ecs.describeServices(b -> b.cluster("big").services("s" + n)).services().getFirst();
                assertThat(service.runningCount()).isEqualTo(TASKS_EACH);
                assertThat(service.deployments()).singleElement()
                        .satisfies(d -> assertThat(d.rolloutStateAsString()).isEqualTo("COMPLETED"));
            });
        }
    }
}
