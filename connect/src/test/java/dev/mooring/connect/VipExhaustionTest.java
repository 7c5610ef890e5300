package dev.mooring.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mooring.connect.plan.VipPool;
import dev.mooring.control.ecs.StoredTask;
import dev.mooring.control.ecs.Task;
import dev.mooring.task.StopCode;
import dev.mooring.task.TaskStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A configuration the data plane cannot honour stops the task with a reason; the server keeps serving. */
class VipExhaustionTest {
    @TempDir
    Path dir;

    @Test
    void anExhaustedVipPoolStopsTheTaskWithTheReason() throws Exception {
        try (ControlPlaneFixture mooring = new ControlPlaneFixture(dir, new VipPool(1))) {
            mooring.cloudMap("CreateHttpNamespace", "{\"Name\": \"ns.internal\"}");
            await().until(() -> mooring.cloudMap("ListNamespaces", "{}").get("Namespaces").size() == 1);
            mooring.ecs("CreateCluster", "{\"clusterName\": \"c\"}");
            for (String family : List.of("a", "b")) {
                mooring.ecs("RegisterTaskDefinition", """
                        {"family": "%s", "networkMode": "awsvpc", "containerDefinitions": [{"name": "app",
                          "image": "mooring/exec", "portMappings": [{"name": "p", "containerPort": 80}]}]}"""
                        .formatted(family));
            }
            // two alias names, one VIP: the second service's tasks know both names and cannot be wired
            mooring.ecs("CreateService", """
                    {"cluster": "c", "serviceName": "a", "taskDefinition": "a", "desiredCount": 1,
                     "serviceConnectConfiguration": {"enabled": true, "namespace": "ns.internal",
                       "services": [{"portName": "p", "discoveryName": "a", "clientAliases": [{"port": 80}]}]}}""");
            await().atMost(Duration.ofSeconds(20)).until(() -> running(mooring, "a"));
            mooring.ecs("CreateService", """
                    {"cluster": "c", "serviceName": "b", "taskDefinition": "b", "desiredCount": 1,
                     "serviceConnectConfiguration": {"enabled": true, "namespace": "ns.internal",
                       "services": [{"portName": "p", "discoveryName": "b", "clientAliases": [{"port": 80}]}]}}""");
            Task failed = await().atMost(Duration.ofSeconds(20)).until(() -> tasks(mooring, "b").stream()
                    .filter(Task::isStopped).findFirst(), java.util.Optional::isPresent).orElseThrow();
            assertThat(failed.stopCode()).isEqualTo(StopCode.TASK_FAILED_TO_START);
            assertThat(failed.stoppedReason()).contains("no virtual IP left in 127.255.0.0/16");
            // the server keeps serving: the first service still runs, the API still answers
            assertThat(running(mooring, "a")).isTrue();
            assertThat(mooring.ecs("ListClusters", "{}").get("clusterArns")).hasSize(1);
        }
    }

    private static List<Task> tasks(ControlPlaneFixture mooring, String service) {
        return mooring.control().ecs().tables().tasks().stream().map(StoredTask::task)
                .filter(t -> t.group().equals("service:" + service)).toList();
    }

    private static boolean running(ControlPlaneFixture mooring, String service) {
        return tasks(mooring, service).stream().anyMatch(t -> t.lastStatus() == TaskStatus.RUNNING);
    }
}
