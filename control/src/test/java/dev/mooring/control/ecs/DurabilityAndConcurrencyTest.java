package dev.mooring.control.ecs;

import static dev.mooring.control.ecs.EcsTestSupport.registerWeb;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mooring.control.MooringFixture;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceConnectClientAlias;
import software.amazon.awssdk.services.ecs.model.ServiceConnectService;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.ecs.model.Task;

class DurabilityAndConcurrencyTest {
    @TempDir
    Path dir;
    MooringFixture mooring;

    @BeforeEach
    void start() {
        mooring = new MooringFixture(dir);
    }

    @AfterEach
    void stop() {
        mooring.close();
    }

    private static Service describe(EcsClient ecs, String name) {
        return ecs.describeServices(b -> b.cluster("apps").services(name)).services().getFirst();
    }

    @Test
    void everythingSurvivesARestartAndLostTasksAreReplaced() {
        EcsClient ecs = mooring.ecs();
        ecs.createCluster(b -> b.clusterName("apps").serviceConnectDefaults(d -> d.namespace("internal"))
                .tags(Tag.builder().key("env").value("test").build()));
        registerWeb(ecs, "web", "http", 8080);
        Service web = ecs.createService(b -> b.cluster("apps").serviceName("web").taskDefinition("web")
                .desiredCount(2).serviceConnectConfiguration(sc -> sc.enabled(true).services(ServiceConnectService
                        .builder().portName("http").clientAliases(ServiceConnectClientAlias.builder().port(80).build())
                        .build()))).service();
        String cmArn = web.deployments().getFirst().serviceConnectResources().getFirst().discoveryArn();
        await().atMost(Duration.ofSeconds(20)).until(() -> describe(ecs, "web").runningCount() == 2);
        List<String> before = ecs.listTasks(b -> b.cluster("apps").serviceName("web")).taskArns();

        mooring.restart();
        EcsClient again = mooring.ecs();
        assertThat(again.describeClusters(b -> b.clusters("apps").includeWithStrings("TAGS")).clusters())
                .singleElement().satisfies(c -> {
                    assertThat(c.status()).isEqualTo("ACTIVE");
                    assertThat(c.tags()).extracting(Tag::key).containsExactly("env");
                    assertThat(c.serviceConnectDefaults().namespace()).startsWith("arn:aws:servicediscovery:");
                });
        assertThat(again.describeTaskDefinition(b -> b.taskDefinition("web")).taskDefinition().revision())
                .isEqualTo(1);
        Service after = describe(again, "web");
        assertThat(after.deployments().getFirst().id()).isEqualTo(web.deployments().getFirst().id());
        assertThat(again.listServicesByNamespace(b -> b.namespace("internal")).serviceArns())
                .containsExactly(web.serviceArn());

        // the simulated runtime does not survive a restart: its tasks are recorded as lost and replaced
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            List<String> now = again.listTasks(b -> b.cluster("apps").serviceName("web")).taskArns();
            assertThat(now).hasSize(2).doesNotContainAnyElementsOf(before);
            assertThat(describe(again, "web").runningCount()).isEqualTo(2);
        });
        List<Task> lost = again.describeTasks(b -> b.cluster("apps").tasks(before)).tasks();
        assertThat(lost).hasSize(2).allSatisfy(t -> {
            assertThat(t.lastStatus()).isEqualTo("STOPPED");
            assertThat(t.stopCodeAsString()).isEqualTo("TerminationNotice");
        });
        String id = cmArn.substring(cmArn.lastIndexOf('/') + 1);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            List<String> instanceIds = new ArrayList<>();
            JsonNode instances = mooring.cloudMap("ListInstances", "{\"ServiceId\":\"" + id + "\"}")
                    .path("Instances");
            instances.forEach(i -> instanceIds.add(i.path("Id").asText()));
            assertThat(instanceIds).containsExactlyInAnyOrderElementsOf(again.listTasks(b -> b.cluster("apps")
                    .serviceName("web")).taskArns().stream().map(Arns::lastSegment).toList());
        });
    }

    @Test
    void aHundredConcurrentClientsLoseNoUpdate() throws Exception {
        EcsClient setup = mooring.ecs();
        setup.createCluster(b -> b.clusterName("apps"));
        String clusterArn = "arn:aws:ecs:us-east-1:123456789012:cluster/apps";
        String tdArn = registerWeb(setup, "web", "http", 8080).taskDefinitionArn();
        int clients = 100;
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
            for (int i = 0; i < clients; i++) {
                int n = i;
                EcsClient ecs = mooring.ecs();
                done.add(pool.submit(() -> {
                    go.await();
                    ecs.createService(b -> b.cluster("apps").serviceName("svc-" + n).taskDefinition("web")
                            .desiredCount(0));
                    ecs.updateService(b -> b.cluster("apps").service("svc-" + n).desiredCount(n % 3));
                    ecs.tagResource(b -> b.resourceArn(n < 50 ? clusterArn : tdArn)
                            .tags(Tag.builder().key("k" + n).value(Integer.toString(n)).build()));
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : done) {
                f.get();
            }
        }
        List<String> arns = setup.listServicesPaginator(b -> b.cluster("apps").maxResults(100)).serviceArns()
                .stream().toList();
        assertThat(arns).hasSize(clients);
        for (int i = 0; i < clients; i += 10) {
            List<String> names = new ArrayList<>();
            for (int j = i; j < i + 10; j++) {
                names.add("svc-" + j);
            }
            for (Service s : setup.describeServices(b -> b.cluster("apps").services(names)).services()) {
                int n = Integer.parseInt(s.serviceName().substring(4));
                assertThat(s.desiredCount()).as(s.serviceName()).isEqualTo(n % 3);
            }
        }
        assertThat(setup.listTagsForResource(b -> b.resourceArn(clusterArn)).tags()).hasSize(50);
        assertThat(setup.listTagsForResource(b -> b.resourceArn(tdArn)).tags()).hasSize(50);
        int expectedTasks = 0;
        for (int i = 0; i < clients; i++) {
            expectedTasks += i % 3;
        }
        int expected = expectedTasks;
        await().atMost(Duration.ofSeconds(30)).until(() -> setup.listTasksPaginator(b -> b.cluster("apps"))
                .taskArns().stream().count() == expected);
    }
}
