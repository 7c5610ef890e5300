package dev.mooring.control.ecs;

import static dev.mooring.control.ecs.EcsTestSupport.registerWeb;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mooring.control.MooringFixture;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecs.EcsClient;

/** The scheduler stays cheap: a thousand services of a few tasks converge while the API keeps answering quickly. */
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
    void aThousandServicesConvergeAndTheApiStaysResponsive() {
        EcsClient ecs = mooring.ecs();
        ecs.createCluster(b -> b.clusterName("big"));
        registerWeb(ecs, "web", "http", 8080);
        long[] createMillis = new long[SERVICES];
        for (int i = 0; i < SERVICES; i++) {
            int n = i;
            long t0 = System.nanoTime();
            ecs.createService(b -> b.cluster("big").serviceName("s" + n).taskDefinition("web")
                    .desiredCount(TASKS_EACH));
            createMillis[i] = (System.nanoTime() - t0) / 1_000_000;
        }
        long[] describeMillis = new long[200];
        for (int i = 0; i < describeMillis.length; i++) {
            int n = i;
            long t0 = System.nanoTime();
            ecs.describeServices(b -> b.cluster("big").services("s" + (n * 5)));
            describeMillis[i] = (System.nanoTime() - t0) / 1_000_000;
        }
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).until(() ->
                mooring.control().ecs().tables().tasks().stream()
                        .filter(t -> "RUNNING".equals(t.task().lastStatus())).count() == (long) SERVICES * TASKS_EACH);
        Arrays.sort(createMillis);
        Arrays.sort(describeMillis);
        System.out.printf("CreateService p50 %d ms p99 %d ms; DescribeServices p50 %d ms p99 %d ms%n",
                createMillis[SERVICES / 2], createMillis[SERVICES * 99 / 100], describeMillis[100],
                describeMillis[198]);
        assertThat(describeMillis[198]).as("DescribeServices p99 ms while converging").isLessThan(1000);
        assertThat(createMillis[SERVICES * 99 / 100]).as("CreateService p99 ms").isLessThan(1000);
    }
}
