package dev.mooring.control.ecs;

import static dev.mooring.control.ecs.EcsTestSupport.error;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.CapacityProviderField;
import software.amazon.awssdk.services.ecs.model.ClusterField;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.Setting;
import software.amazon.awssdk.services.ecs.model.SettingName;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionStatus;

/**
 * Operations IaC tools call around clusters and tasks (issue 10): capacity providers, cluster settings, container
 * instances, account settings, DeleteTaskDefinitions and task protection, through the AWS SDK for Java.
 */
class ClusterExtrasTest extends EcsTestBase {
    private static final ContainerDefinition WEB = ContainerDefinition.builder().name("web").image("nginx")
            .memory(128).build();

    @Test
    void fargateCapacityProvidersAreBuiltInAndOthersAreRefused() {
        var described = ecs.describeCapacityProviders(b -> b.include(CapacityProviderField.TAGS));
        assertThat(described.capacityProviders()).extracting(p -> p.name() + " " + p.statusAsString())
                .containsExactly("FARGATE ACTIVE", "FARGATE_SPOT ACTIVE");
        assertThat(described.capacityProviders().getFirst().capacityProviderArn())
                .isEqualTo("arn:aws:ecs:us-east-1:123456789012:capacity-provider/FARGATE");
        assertThat(described.capacityProviders().getFirst().hasTags()).isTrue();
        var missing = ecs.describeCapacityProviders(b -> b.capacityProviders("FARGATE_SPOT", "my-asg"));
        assertThat(missing.capacityProviders()).extracting(p -> p.name()).containsExactly("FARGATE_SPOT");
        assertThat(missing.failures()).singleElement().satisfies(f -> assertThat(f.reason()).isEqualTo("MISSING"));

        error("UnsupportedFeatureException", () -> ecs.createCapacityProvider(b -> b.name("asg")
                .autoScalingGroupProvider(a -> a.autoScalingGroupArn("arn:aws:autoscaling:x"))));
        error("UnsupportedFeatureException", () -> ecs.updateCapacityProvider(b -> b.name("asg")));
        error("UnsupportedFeatureException", () -> ecs.deleteCapacityProvider(b -> b.capacityProvider("asg")));

        ecs.createCluster(b -> b.clusterName("apps"));
        var cluster = ecs.putClusterCapacityProviders(b -> b.cluster("apps")
                .capacityProviders("FARGATE", "FARGATE_SPOT")
                .defaultCapacityProviderStrategy(s -> s.capacityProvider("FARGATE_SPOT").weight(1))).cluster();
        assertThat(cluster.capacityProviders()).containsExactly("FARGATE", "FARGATE_SPOT");
        assertThat(cluster.defaultCapacityProviderStrategy().getFirst().capacityProvider()).isEqualTo("FARGATE_SPOT");
        error("InvalidParameterException", () -> ecs.putClusterCapacityProviders(b -> b.cluster("apps")
                .capacityProviders("my-asg").defaultCapacityProviderStrategy(s -> s.capacityProvider("my-asg"))));
        error("InvalidParameterException", () -> ecs.putClusterCapacityProviders(b -> b.cluster("apps")
                .capacityProviders("FARGATE").defaultCapacityProviderStrategy(s -> s.capacityProvider("FARGATE_SPOT"))));

        // the cluster's default strategy places a task on its provider, on Fargate
        ecs.registerTaskDefinition(b -> b.family("web").networkMode("awsvpc").cpu("256").memory("512")
                .requiresCompatibilitiesWithStrings("FARGATE").containerDefinitions(WEB));
        var task = ecs.runTask(b -> b.cluster("apps").taskDefinition("web")).tasks().getFirst();
        assertThat(task.launchTypeAsString()).isEqualTo("FARGATE");
        assertThat(task.capacityProviderName()).isEqualTo("FARGATE_SPOT");
        var onDemand = ecs.runTask(b -> b.cluster("apps").taskDefinition("web").capacityProviderStrategy(
                s -> s.capacityProvider("FARGATE").base(1).weight(1))).tasks().getFirst();
        assertThat(onDemand.capacityProviderName()).isEqualTo("FARGATE");
        error("InvalidParameterException", () -> ecs.runTask(b -> b.cluster("apps").taskDefinition("web")
                .launchType("FARGATE").capacityProviderStrategy(s -> s.capacityProvider("FARGATE"))));

        // a service takes the cluster's default strategy, and its tasks run on its provider
        var service = ecs.createService(b -> b.cluster("apps").serviceName("web").taskDefinition("web")
                .desiredCount(1)).service();
        assertThat(service.capacityProviderStrategy()).singleElement()
                .satisfies(s -> assertThat(s.capacityProvider()).isEqualTo("FARGATE_SPOT"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            var arns = ecs.listTasks(b -> b.cluster("apps").serviceName("web")).taskArns();
            assertThat(arns).hasSize(1);
            assertThat(ecs.describeTasks(b -> b.cluster("apps").tasks(arns)).tasks().getFirst()
                    .capacityProviderName()).isEqualTo("FARGATE_SPOT");
        });
    }

    @Test
    void clusterSettingsAndContainerInstances() {
        ecs.createCluster(b -> b.clusterName("apps"));
        var updated = ecs.updateClusterSettings(b -> b.cluster("apps").settings(s -> s.name("containerInsights")
                .value("enabled"))).cluster();
        assertThat(updated.settings()).singleElement().satisfies(s -> assertThat(s.value()).isEqualTo("enabled"));
        assertThat(ecs.describeClusters(b -> b.clusters("apps").include(ClusterField.SETTINGS)).clusters()
                .getFirst().settings().getFirst().value()).isEqualTo("enabled");
        error("InvalidParameterException", () -> ecs.updateClusterSettings(b -> b.cluster("apps")
                .settings(s -> s.name("containerInsights").value("sometimes"))));
        error("ClusterNotFoundException", () -> ecs.updateClusterSettings(b -> b.cluster("nope")
                .settings(s -> s.name("containerInsights").value("enabled"))));

        assertThat(ecs.listContainerInstances(b -> b.cluster("apps")).containerInstanceArns()).isEmpty();
        var instances = ecs.describeContainerInstances(b -> b.cluster("apps").containerInstances("abc"));
        assertThat(instances.containerInstances()).isEmpty();
        assertThat(instances.failures()).singleElement().satisfies(f -> {
            assertThat(f.arn()).isEqualTo("arn:aws:ecs:us-east-1:123456789012:container-instance/apps/abc");
            assertThat(f.reason()).isEqualTo("MISSING");
        });
    }

    @Test
    void accountSettingsPerPrincipalWithDefaults() {
        String user = "arn:aws:iam::123456789012:user/dev";
        Setting put = ecs.putAccountSetting(b -> b.name(SettingName.CONTAINER_INSIGHTS).value("enabled")
                .principalArn(user)).setting();
        assertThat(put.principalArn()).isEqualTo(user);
        assertThat(put.typeAsString()).isEqualTo("user");
        Setting def = ecs.putAccountSettingDefault(b -> b.name(SettingName.AWSVPC_TRUNKING).value("enabled"))
                .setting();
        assertThat(def.principalArn()).isEqualTo("arn:aws:iam::123456789012:root");

        assertThat(ecs.listAccountSettings(b -> b.principalArn(user)).settings())
                .extracting(s -> s.nameAsString() + "=" + s.value()).containsExactly("containerInsights=enabled");
        var effective = ecs.listAccountSettings(b -> b.principalArn(user).effectiveSettings(true).maxResults(10));
        var all = new java.util.ArrayList<>(effective.settings());
        String token = effective.nextToken();
        while (token != null) {
            String t = token;
            var page = ecs.listAccountSettings(b -> b.principalArn(user).effectiveSettings(true).nextToken(t));
            all.addAll(page.settings());
            token = page.nextToken();
        }
        assertThat(all).extracting(s -> s.nameAsString() + "=" + s.value()).contains("containerInsights=enabled",
                "awsvpcTrunking=enabled", "taskLongArnFormat=enabled", "fargateTaskRetirementWaitPeriod=7");

        error("InvalidParameterException", () -> ecs.putAccountSetting(b -> b.name(SettingName.TASK_LONG_ARN_FORMAT)
                .value("disabled")));
        error("InvalidParameterException", () -> ecs.putAccountSetting(b -> b.name("noSuchSetting").value("on")));

        Setting deleted = ecs.deleteAccountSetting(b -> b.name(SettingName.CONTAINER_INSIGHTS).principalArn(user))
                .setting();
        assertThat(deleted.value()).isEqualTo("enabled");
        assertThat(ecs.listAccountSettings(b -> b.principalArn(user)).settings()).isEmpty();
        error("InvalidParameterException", () -> ecs.deleteAccountSetting(b -> b.name(SettingName.CONTAINER_INSIGHTS)
                .principalArn(user)));
    }

    @Test
    void deleteTaskDefinitionsTakesOnlyDeregisteredRevisions() {
        ecs.registerTaskDefinition(b -> b.family("web").containerDefinitions(WEB));
        ecs.registerTaskDefinition(b -> b.family("web").containerDefinitions(WEB));
        ecs.deregisterTaskDefinition(b -> b.taskDefinition("web:1"));
        var answer = ecs.deleteTaskDefinitions(b -> b.taskDefinitions("web:1", "web:2", "web:9"));
        assertThat(answer.taskDefinitions()).singleElement().satisfies(td -> {
            assertThat(td.revision()).isEqualTo(1);
            assertThat(td.status()).isEqualTo(TaskDefinitionStatus.DELETE_IN_PROGRESS);
        });
        assertThat(answer.failures()).extracting(f -> f.arn().substring(f.arn().lastIndexOf('/') + 1))
                .containsExactly("web:2", "web:9");
        assertThat(ecs.listTaskDefinitions(b -> b.status(TaskDefinitionStatus.DELETE_IN_PROGRESS))
                .taskDefinitionArns()).singleElement().satisfies(arn -> assertThat(arn).endsWith("web:1"));
    }

    @Test
    void aProtectedTaskIsSparedWhenTheServiceScalesIn() {
        ecs.createCluster(b -> b.clusterName("apps"));
        ecs.registerTaskDefinition(b -> b.family("web").containerDefinitions(WEB));
        ecs.createService(b -> b.cluster("apps").serviceName("web").taskDefinition("web").desiredCount(2));
        await().atMost(Duration.ofSeconds(20)).until(() -> running("apps").size() == 2);
        String kept = running("apps").getFirst();
        ecs.updateTaskProtection(b -> b.cluster("apps").tasks(kept).protectionEnabled(true));

        ecs.updateService(b -> b.cluster("apps").service("web").desiredCount(1));
        await().atMost(Duration.ofSeconds(20)).until(() -> running("apps").equals(java.util.List.of(kept)));
        ecs.updateService(b -> b.cluster("apps").service("web").desiredCount(0));
        // scaled to zero, the protected task still runs: protection outlasts the scale-in
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5))
                .until(() -> running("apps").equals(java.util.List.of(kept)));
        ecs.updateTaskProtection(b -> b.cluster("apps").tasks(kept).protectionEnabled(false));
        await().atMost(Duration.ofSeconds(20)).until(() -> running("apps").isEmpty());
    }

    private java.util.List<String> running(String cluster) {
        var arns = ecs.listTasks(b -> b.cluster(cluster).desiredStatus("RUNNING")).taskArns();
        return arns.isEmpty() ? java.util.List.of() : ecs.describeTasks(b -> b.cluster(cluster).tasks(arns)).tasks()
                .stream().filter(t -> "RUNNING".equals(t.lastStatus()) && "RUNNING".equals(t.desiredStatus()))
                .map(t -> t.taskArn()).sorted().toList();
    }

    @Test
    void taskProtectionIsRecordedAndExpires() {
        ecs.createCluster(b -> b.clusterName("apps"));
        ecs.registerTaskDefinition(b -> b.family("web").containerDefinitions(WEB));
        String task = ecs.runTask(b -> b.cluster("apps").taskDefinition("web")).tasks().getFirst().taskArn();
        Instant before = Instant.now();
        var protectedTasks = ecs.updateTaskProtection(b -> b.cluster("apps").tasks(task).protectionEnabled(true)
                .expiresInMinutes(60)).protectedTasks();
        assertThat(protectedTasks).singleElement().satisfies(p -> {
            assertThat(p.protectionEnabled()).isTrue();
            assertThat(p.expirationDate()).isBetween(before.plus(59, ChronoUnit.MINUTES),
                    Instant.now().plus(61, ChronoUnit.MINUTES));
        });
        assertThat(ecs.getTaskProtection(b -> b.cluster("apps").tasks(task)).protectedTasks().getFirst()
                .protectionEnabled()).isTrue();
        ecs.updateTaskProtection(b -> b.cluster("apps").tasks(task).protectionEnabled(false));
        var off = ecs.getTaskProtection(b -> b.cluster("apps").tasks(task)).protectedTasks().getFirst();
        assertThat(off.protectionEnabled()).isFalse();
        assertThat(off.expirationDate()).isNull();
        error("InvalidParameterException", () -> ecs.updateTaskProtection(b -> b.cluster("apps").tasks(task)
                .protectionEnabled(true).expiresInMinutes(3000)));
        var unknown = ecs.getTaskProtection(b -> b.cluster("apps").tasks("0123456789abcdef0123456789abcdef"));
        assertThat(unknown.failures()).singleElement().satisfies(f -> assertThat(f.reason()).isEqualTo("MISSING"));
    }
}
