package dev.mooring.control.ecs;

import static dev.mooring.control.ecs.EcsTestSupport.error;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Cluster;
import software.amazon.awssdk.services.ecs.model.ClusterField;
import software.amazon.awssdk.services.ecs.model.ClusterSetting;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.HealthCheck;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.ListClustersResponse;
import software.amazon.awssdk.services.ecs.model.LogConfiguration;
import software.amazon.awssdk.services.ecs.model.PortMapping;
import software.amazon.awssdk.services.ecs.model.SortOrder;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionFamilyStatus;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionStatus;
import software.amazon.awssdk.services.ecs.model.Ulimit;

class ClusterAndTaskDefinitionTest extends EcsTestBase {
    @Test
    void clusterLifecycle() {
        Cluster created = ecs.createCluster(b -> b.clusterName("prod").tags(Tag.builder().key("team").value("a")
                .build())).cluster();
        assertThat(created.clusterArn()).isEqualTo("arn:aws:ecs:us-east-1:123456789012:cluster/prod");
        assertThat(created.status()).isEqualTo("ACTIVE");
        assertThat(created.tags()).extracting(Tag::key).containsExactly("team");
        // a repeat answers with the cluster it already has
        assertThat(ecs.createCluster(b -> b.clusterName("prod")).cluster().clusterArn())
                .isEqualTo(created.clusterArn());

        var described = ecs.describeClusters(b -> b.clusters("prod", "nope", created.clusterArn())
                .include(ClusterField.TAGS));
        assertThat(described.clusters()).hasSize(2).allSatisfy(c -> assertThat(c.tags()).hasSize(1));
        assertThat(described.failures()).singleElement().satisfies(f -> {
            assertThat(f.arn()).isEqualTo("arn:aws:ecs:us-east-1:123456789012:cluster/nope");
            assertThat(f.reason()).isEqualTo("MISSING");
        });

        ecs.deleteCluster(b -> b.cluster("prod"));
        assertThat(ecs.describeClusters(b -> b.clusters("prod")).clusters().getFirst().status())
                .isEqualTo("INACTIVE");
        // as on AWS, a deleted cluster stays listed (INACTIVE) for a while
        assertThat(ecs.listClusters().clusterArns()).containsExactly(created.clusterArn());
        error("ClusterNotFoundException", () -> ecs.deleteCluster(b -> b.cluster("prod")));
        error("InvalidParameterException", () -> ecs.createCluster(b -> b.clusterName("bad name!")));
    }

    @Test
    void describeClustersIncludesOnlyWhatWasAskedFor() {
        ecs.createCluster(b -> b.clusterName("prod").tags(Tag.builder().key("team").value("a").build())
                .settings(ClusterSetting.builder().name("containerInsights").value("enabled").build())
                .configuration(c -> c.executeCommandConfiguration(e -> e.logging("DEFAULT"))));
        ecs.createCluster(b -> b.clusterName("plain"));

        Cluster bare = ecs.describeClusters(b -> b.clusters("prod")).clusters().getFirst();
        assertThat(bare.hasSettings()).isFalse();
        assertThat(bare.configuration()).isNull();
        assertThat(bare.hasStatistics()).isFalse();
        assertThat(bare.hasTags()).isFalse();
        assertThat(bare.runningTasksCount()).isZero();

        Cluster settings = ecs.describeClusters(b -> b.clusters("prod").include(ClusterField.SETTINGS)).clusters()
                .getFirst();
        assertThat(settings.settings()).containsExactly(ClusterSetting.builder().name("containerInsights")
                .value("enabled").build());
        assertThat(settings.configuration()).isNull();
        assertThat(ecs.describeClusters(b -> b.clusters("plain").include(ClusterField.SETTINGS)).clusters()
                .getFirst().settings()).containsExactly(ClusterSetting.builder().name("containerInsights")
                .value("disabled").build());
        assertThat(ecs.describeClusters(b -> b.clusters("prod").include(ClusterField.CONFIGURATIONS)).clusters()
                .getFirst().configuration().executeCommandConfiguration().loggingAsString()).isEqualTo("DEFAULT");

        EcsTestSupport.registerWeb(ecs, "web", "http", 8080);
        ecs.runTask(b -> b.cluster("prod").taskDefinition("web").count(2).launchType("FARGATE"));
        ecs.createService(b -> b.cluster("prod").serviceName("idle").taskDefinition("web").desiredCount(0)
                .launchType("FARGATE"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Cluster stats = ecs.describeClusters(b -> b.clusters("prod").include(ClusterField.STATISTICS,
                    ClusterField.TAGS)).clusters().getFirst();
            assertThat(stats.statistics()).contains(
                    KeyValuePair.builder().name("runningFargateTasksCount").value("2").build(),
                    KeyValuePair.builder().name("pendingFargateTasksCount").value("0").build(),
                    KeyValuePair.builder().name("runningEC2TasksCount").value("0").build(),
                    KeyValuePair.builder().name("activeFargateServiceCount").value("1").build(),
                    KeyValuePair.builder().name("activeEC2ServiceCount").value("0").build());
            assertThat(stats.tags()).extracting(Tag::key).containsExactly("team");
            assertThat(stats.hasSettings()).isFalse();
        });
        error("InvalidParameterException", () -> ecs.describeClusters(b -> b.clusters("prod")
                .includeWithStrings("EVERYTHING")));
    }

    @Test
    void defaultClusterWhenOmitted() {
        assertThat(ecs.createCluster(b -> { }).cluster().clusterName()).isEqualTo("default");
        assertThat(ecs.describeClusters(b -> { }).clusters()).extracting(Cluster::clusterName)
                .containsExactly("default");
    }

    @Test
    void listingPagesUntilItEnds() {
        for (int i = 0; i < 23; i++) {
            int n = i;
            ecs.createCluster(b -> b.clusterName(String.format("c%02d", n)));
        }
        List<String> all = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            String t = token;
            ListClustersResponse page = ecs.listClusters(b -> b.maxResults(10).nextToken(t));
            all.addAll(page.clusterArns());
            token = page.nextToken();
            pages++;
        } while (token != null);
        assertThat(pages).isEqualTo(3);
        assertThat(all).hasSize(23).doesNotHaveDuplicates();
        // the SDK's own paginator ends too
        assertThat(ecs.listClustersPaginator(b -> b.maxResults(5)).clusterArns()).hasSize(23);
        error("InvalidParameterException", () -> ecs.listClusters(b -> b.nextToken("garbage!")));
        error("InvalidParameterException", () -> ecs.listClusters(b -> b.maxResults(101)));
    }

    @Test
    void regionsAreIsolated() {
        ecs.createCluster(b -> b.clusterName("here"));
        EcsClient eu = mooring.ecs("eu-west-1");
        assertThat(eu.listClusters().clusterArns()).isEmpty();
        assertThat(eu.describeClusters(b -> b.clusters("here")).failures()).singleElement()
                .satisfies(f -> assertThat(f.arn()).startsWith("arn:aws:ecs:eu-west-1:"));
        eu.createCluster(b -> b.clusterName("here"));
        assertThat(eu.listClusters().clusterArns()).containsExactly("arn:aws:ecs:eu-west-1:123456789012:cluster/here");
        assertThat(ecs.listClusters().clusterArns()).containsExactly("arn:aws:ecs:us-east-1:123456789012:cluster/here");
    }

    @Test
    void taskDefinitionsEchoWhatWasRegistered() {
        ContainerDefinition web = ContainerDefinition.builder().name("web").image("nginx:1.27").memory(256)
                .portMappings(PortMapping.builder().name("http").containerPort(80).appProtocol("http").build())
                .environment(KeyValuePair.builder().name("A").value("1").build())
                .healthCheck(HealthCheck.builder().command("CMD-SHELL", "curl -f localhost").interval(5).build())
                .logConfiguration(LogConfiguration.builder().logDriver("awslogs")
                        .options(java.util.Map.of("awslogs-group", "/ecs/web")).build())
                .ulimits(Ulimit.builder().name("nofile").softLimit(1024).hardLimit(2048).build())
                .dockerLabels(java.util.Map.of("k", "v")).readonlyRootFilesystem(true)
                .build();
        var response = ecs.registerTaskDefinition(b -> b.family("web").networkMode("awsvpc").cpu("256")
                .memory("0.5 GB").containerDefinitions(web).tags(Tag.builder().key("k").value("v").build()));
        TaskDefinition td = response.taskDefinition();
        assertThat(response.tags()).hasSize(1);
        assertThat(td.taskDefinitionArn()).isEqualTo("arn:aws:ecs:us-east-1:123456789012:task-definition/web:1");
        assertThat(td.revision()).isEqualTo(1);
        assertThat(td.status()).isEqualTo(TaskDefinitionStatus.ACTIVE);
        assertThat(td.registeredAt()).isNotNull();
        ContainerDefinition echoed = td.containerDefinitions().getFirst();
        assertThat(echoed.ulimits()).isEqualTo(web.ulimits());
        assertThat(echoed.dockerLabels()).isEqualTo(web.dockerLabels());
        assertThat(echoed.logConfiguration()).isEqualTo(web.logConfiguration());
        assertThat(echoed.healthCheck()).isEqualTo(web.healthCheck());
        assertThat(echoed.readonlyRootFilesystem()).isTrue();
        assertThat(echoed.essential()).isTrue();
        assertThat(echoed.portMappings().getFirst().protocolAsString()).isEqualTo("tcp");
        assertThat(echoed.portMappings().getFirst().hostPort()).isEqualTo(80);

        for (int i = 0; i < 10; i++) {
            ecs.registerTaskDefinition(b -> b.family("web").containerDefinitions(web));
        }
        ecs.registerTaskDefinition(b -> b.family("api").containerDefinitions(web));
        assertThat(ecs.describeTaskDefinition(b -> b.taskDefinition("web")).taskDefinition().revision())
                .isEqualTo(11);
        assertThat(ecs.describeTaskDefinition(b -> b.taskDefinition("web:3")).taskDefinition().revision())
                .isEqualTo(3);
        var withTags = ecs.describeTaskDefinition(b -> b.taskDefinition(td.taskDefinitionArn())
                .includeWithStrings("TAGS"));
        assertThat(withTags.tags()).extracting(Tag::key).containsExactly("k");

        assertThat(ecs.listTaskDefinitionsPaginator(b -> b.familyPrefix("web").maxResults(4))
                .taskDefinitionArns()).hasSize(11).last().asString().endsWith("web:11");
        assertThat(ecs.listTaskDefinitionsPaginator(b -> b.sort(SortOrder.DESC).maxResults(3))
                .taskDefinitionArns()).hasSize(12).first().asString().endsWith("web:11");

        ecs.deregisterTaskDefinition(b -> b.taskDefinition("api:1"));
        assertThat(ecs.listTaskDefinitionFamilies(b -> { }).families()).containsExactly("web");
        assertThat(ecs.listTaskDefinitionFamilies(b -> b.status(TaskDefinitionFamilyStatus.INACTIVE)).families())
                .containsExactly("api");
        assertThat(ecs.listTaskDefinitions(b -> b.status(TaskDefinitionStatus.INACTIVE)).taskDefinitionArns())
                .containsExactly("arn:aws:ecs:us-east-1:123456789012:task-definition/api:1");
        error("ClientException", () -> ecs.describeTaskDefinition(b -> b.taskDefinition("nothing")));
        error("InvalidParameterException", () -> ecs.deregisterTaskDefinition(b -> b.taskDefinition("web")));
    }

    @Test
    void taskDefinitionValidation() {
        ContainerDefinition.Builder ok = ContainerDefinition.builder().name("web").image("nginx");
        error("InvalidParameterException", () -> ecs.registerTaskDefinition(b -> b.containerDefinitions(ok.build())));
        error("InvalidParameterException", () -> ecs.registerTaskDefinition(b -> b.family("f")));
        error("InvalidParameterException", () -> ecs.registerTaskDefinition(b -> b.family("f").containerDefinitions(
                ok.copy().portMappings(PortMapping.builder().containerPort(70000).build()).build())));
        error("InvalidParameterException", () -> ecs.registerTaskDefinition(b -> b.family("f").containerDefinitions(
                ok.copy().portMappings(PortMapping.builder().containerPort(80).appProtocol("tcp").build()).build())));
        error("InvalidParameterException", () -> ecs.registerTaskDefinition(b -> b.family("f").containerDefinitions(
                ok.copy().portMappings(PortMapping.builder().containerPort(80).name("-Bad").build()).build())));
        error("ClientException", () -> ecs.registerTaskDefinition(b -> b.family("f").containerDefinitions(
                ContainerDefinition.builder().name("web").build())));
        error("ClientException", () -> ecs.registerTaskDefinition(b -> b.family("f").containerDefinitions(
                ok.build(), ok.build())));
        assertThat(ecs.listTaskDefinitions(b -> { }).taskDefinitionArns()).isEmpty();
    }

    @Test
    void tags() {
        String arn = ecs.createCluster(b -> b.clusterName("t")).cluster().clusterArn();
        ecs.tagResource(b -> b.resourceArn(arn).tags(Tag.builder().key("a").value("1").build(),
                Tag.builder().key("b").value("2").build()));
        ecs.tagResource(b -> b.resourceArn(arn).tags(Tag.builder().key("a").value("3").build()));
        assertThat(ecs.listTagsForResource(b -> b.resourceArn(arn)).tags())
                .extracting(Tag::key, Tag::value).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("a", "3"), org.assertj.core.groups.Tuple.tuple("b", "2"));
        ecs.untagResource(b -> b.resourceArn(arn).tagKeys("a"));
        assertThat(ecs.listTagsForResource(b -> b.resourceArn(arn)).tags()).extracting(Tag::key).containsExactly("b");
        error("ResourceNotFoundException", () -> ecs.listTagsForResource(b -> b.resourceArn(arn + "x")));
        error("InvalidParameterException", () -> ecs.tagResource(b -> b.resourceArn(arn)
                .tags(Tag.builder().key("aws:x").value("1").build())));
    }

    @Test
    void updateClusterSetsServiceConnectDefaults() {
        ecs.createCluster(b -> b.clusterName("sc"));
        Cluster c = ecs.updateCluster(b -> b.cluster("sc").serviceConnectDefaults(d -> d.namespace("internal")))
                .cluster();
        assertThat(c.serviceConnectDefaults().namespace())
                .startsWith("arn:aws:servicediscovery:us-east-1:123456789012:namespace/ns-");
        var ns = mooring.cloudMap("GetNamespace", "{\"Id\":\"" + c.serviceConnectDefaults().namespace()
                .substring(c.serviceConnectDefaults().namespace().lastIndexOf('/') + 1) + "\"}");
        assertThat(ns.path("Namespace").path("Type").asText()).isEqualTo("HTTP");
        assertThat(ns.path("Namespace").path("Name").asText()).isEqualTo("internal");
        // the same name again reuses the namespace
        assertThat(ecs.updateCluster(b -> b.cluster("sc").serviceConnectDefaults(d -> d.namespace("internal")))
                .cluster().serviceConnectDefaults().namespace()).isEqualTo(c.serviceConnectDefaults().namespace());
        assertThat(ecs.updateCluster(b -> b.cluster("sc").serviceConnectDefaults(d -> d.namespace("")))
                .cluster().serviceConnectDefaults()).isNull();
        error("NamespaceNotFoundException", () -> ecs.updateCluster(b -> b.cluster("sc").serviceConnectDefaults(
                d -> d.namespace("arn:aws:servicediscovery:us-east-1:123456789012:namespace/ns-nothere"))));
    }
}
