package dev.mooring.connect.endpoints;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mooring.control.ecs.Task;
import dev.mooring.task.HealthStatus;
import dev.mooring.task.TaskStatus;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReadinessTest {
    private static Task task(String last, String desired, String health, Instant stoppingAt) {
        return task(TaskStatus.valueOf(last), TaskStatus.valueOf(desired), HealthStatus.valueOf(health), stoppingAt);
    }

    private static Task task(TaskStatus last, TaskStatus desired, HealthStatus health, Instant stoppingAt) {
        return new Task(List.of(), null, null, null, "arn:aws:ecs:us-east-1:0:cluster/c", null, null, null,
                List.of(), null, Instant.now(), desired, false, null, "service:s", health, last, "FARGATE", null,
                null, null, null, null, null, null, "ecs-svc/1", null, null, null, stoppingAt, null,
                "arn:aws:ecs:us-east-1:0:task/c/t1", "td", 1L, null);
    }

    @Test
    void runningTasksWithoutHealthChecksAreReady() {
        assertThat(Readiness.routable(task("RUNNING", "RUNNING", "UNKNOWN", null), false)).isTrue();
        assertThat(Readiness.routable(task("PENDING", "RUNNING", "UNKNOWN", null), false)).isFalse();
    }

    @Test
    void withHealthChecksOnlyHealthyTasksAreReady() {
        assertThat(Readiness.routable(task("RUNNING", "RUNNING", "UNKNOWN", null), true)).isFalse();
        assertThat(Readiness.routable(task("RUNNING", "RUNNING", "UNHEALTHY", null), true)).isFalse();
        assertThat(Readiness.routable(task("RUNNING", "RUNNING", "HEALTHY", null), true)).isTrue();
    }

    @Test
    void stoppingTasksAreNeverReady() {
        assertThat(Readiness.routable(task("RUNNING", "STOPPED", "HEALTHY", null), true)).isFalse();
        assertThat(Readiness.routable(task("RUNNING", "RUNNING", "HEALTHY", Instant.now()), true)).isFalse();
        assertThat(Readiness.routable(task("DEPROVISIONING", "STOPPED", "HEALTHY", null), false)).isFalse();
    }
}
