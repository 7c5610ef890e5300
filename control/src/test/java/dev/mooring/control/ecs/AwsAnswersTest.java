package dev.mooring.control.ecs;

import static dev.mooring.control.ecs.EcsTestSupport.error;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.ServiceField;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;
import software.amazon.awssdk.services.ecs.model.TaskField;

/** The texts tools match on and the defaults they read, exactly as AWS answers them (issue 10). */
class AwsAnswersTest extends EcsTestBase {
    private static final ContainerDefinition WEB = ContainerDefinition.builder().name("web").image("nginx")
            .memory(128).build();

    private static void message(String code, String text, Runnable call) {
        assertThat(error(code, call).awsErrorDetails().errorMessage()).isEqualTo(text);
    }

    @Test
    void errorTextsAreAwsExactOnes() {
        message("ClusterNotFoundException", "Cluster not found.",
                () -> ecs.describeServices(b -> b.cluster("nope").services("web")));
        message("ClusterNotFoundException", "Cluster not found.", () -> ecs.listTasks(b -> b.cluster("nope")));
        message("ClientException", "Unable to describe task definition.",
                () -> ecs.describeTaskDefinition(b -> b.taskDefinition("nothing")));
        message("ClientException", "Container.image should not be null or empty.",
                () -> ecs.registerTaskDefinition(b -> b.family("f").containerDefinitions(c -> c.name("web"))));
        message("ClientException", "Container.image should not be null or empty.",
                () -> ecs.registerTaskDefinition(b -> b.family("f").containerDefinitions(c -> c.name("web")
                        .image(""))));
        message("ClientException", "Container.name should not be null or empty.",
                () -> ecs.registerTaskDefinition(b -> b.family("f").containerDefinitions(c -> c.image("nginx"))));
        ecs.createCluster(b -> b.clusterName("apps"));
        message("InvalidParameterException", "Tasks cannot be empty.",
                () -> ecs.describeTasks(b -> b.cluster("apps").tasks(java.util.List.of())));
        ecs.registerTaskDefinition(b -> b.family("web").containerDefinitions(WEB));
        ecs.createService(b -> b.cluster("apps").serviceName("web").taskDefinition("web").desiredCount(1));
        message("InvalidParameterException", "The service cannot be stopped while it is scaled above 0.",
                () -> ecs.deleteService(b -> b.cluster("apps").service("web")));
    }

    @Test
    void defaultsAreFilledInAsAwsDoes() {
        ecs.createCluster(b -> b.clusterName("apps"));
        TaskDefinition td = ecs.registerTaskDefinition(b -> b.family("files").containerDefinitions(WEB)
                .volumes(v -> v.name("data").efsVolumeConfiguration(e -> e.fileSystemId("fs-12345678")))
        ).taskDefinition();
        assertThat(td.containerDefinitions().getFirst().hasMountPoints()).isTrue();
        assertThat(td.containerDefinitions().getFirst().mountPoints()).isEmpty();
        assertThat(td.containerDefinitions().getFirst().hasVolumesFrom()).isTrue();
        assertThat(td.containerDefinitions().getFirst().volumesFrom()).isEmpty();
        assertThat(td.volumes().getFirst().efsVolumeConfiguration().rootDirectory()).isEqualTo("/");

        // tags asked for and none: an empty list, not a missing member
        String task = ecs.runTask(b -> b.cluster("apps").taskDefinition("files")).tasks().getFirst().taskArn();
        var described = ecs.describeTasks(b -> b.cluster("apps").tasks(task).include(TaskField.TAGS)).tasks();
        assertThat(described.getFirst().hasTags()).isTrue();
        assertThat(described.getFirst().tags()).isEmpty();
        ecs.createService(b -> b.cluster("apps").serviceName("svc").taskDefinition("files").desiredCount(0));
        var service = ecs.describeServices(b -> b.cluster("apps").services("svc").include(ServiceField.TAGS))
                .services().getFirst();
        assertThat(service.hasTags()).isTrue();
        assertThat(service.tags()).isEmpty();
        assertThat(ecs.describeServices(b -> b.cluster("apps").services("svc")).services().getFirst().hasTags())
                .isFalse();
        var cluster = ecs.describeClusters(b -> b.clusters("apps").include(
                software.amazon.awssdk.services.ecs.model.ClusterField.TAGS)).clusters().getFirst();
        assertThat(cluster.hasTags()).isTrue();
        assertThat(cluster.tags()).isEmpty();
    }

    private void fargate(String code, String text, Consumer<RegisterTaskDefinitionRequest.Builder> change) {
        message(code, text, () -> ecs.registerTaskDefinition(b -> {
            b.family("f").requiresCompatibilitiesWithStrings("FARGATE").networkMode("awsvpc").cpu("256")
                    .memory("512").containerDefinitions(WEB);
            change.accept(b);
        }));
    }

    @Test
    void fargateRulesWithAwsCodesAndTexts() {
        fargate("ClientException", "Fargate only supports network mode \u2018awsvpc\u2019.",
                b -> b.networkMode("bridge"));
        fargate("ClientException", "Fargate only supports network mode \u2018awsvpc\u2019.",
                b -> b.networkMode((String) null));
        fargate("ClientException", "Fargate requires that 'cpu' be defined at the task level.",
                b -> b.cpu(null));
        fargate("ClientException", "Fargate requires that 'memory' be defined at the task level.",
                b -> b.memory(null));
        fargate("ClientException", "No Fargate configuration exists for given values: 1024 CPU, 1024 memory. See the"
                + " Amazon ECS documentation for the valid values.", b -> b.cpu("1024").memory("1024"));
        fargate("ClientException", "No Fargate configuration exists for given values: 256 CPU, 4096 memory. See the"
                + " Amazon ECS documentation for the valid values.", b -> b.memory("4096"));
        fargate("ClientException", "No Fargate configuration exists for given values: 8192 CPU, 18432 memory. See"
                + " the Amazon ECS documentation for the valid values.", b -> b.cpu("8192").memory("18432"));
        fargate("ClientException", "Tasks using the Fargate launch type do not support pidMode 'host'. The"
                + " supported value for pidMode is 'task'.", b -> b.pidMode("host"));
        fargate("ClientException", "Tasks using the Fargate launch type do not support ipcMode.",
                b -> b.ipcMode("task"));
        // every valid pair registers, in units or vCPU/GB
        for (String[] pair : new String[][] {{"256", "512"}, {"256", "2048"}, {"512", "4096"}, {"1 vCPU", "8 GB"},
                {"2048", "16384"}, {"4096", "30720"}, {"8192", "61440"}, {"16384", "122880"}}) {
            TaskDefinition td = ecs.registerTaskDefinition(b -> b.family("ok")
                    .requiresCompatibilitiesWithStrings("FARGATE").networkMode("awsvpc").cpu(pair[0])
                    .memory(pair[1]).pidMode("task").containerDefinitions(WEB)).taskDefinition();
            assertThat(td.compatibilitiesAsStrings()).as("%s/%s", pair[0], pair[1]).contains("FARGATE");
        }

        // a definition Fargate cannot run is EC2-only, and a Fargate launch of it is refused
        ecs.createCluster(b -> b.clusterName("apps"));
        TaskDefinition bridge = ecs.registerTaskDefinition(b -> b.family("bridged").networkMode("bridge")
                .containerDefinitions(WEB)).taskDefinition();
        assertThat(bridge.compatibilitiesAsStrings()).containsExactly("EC2");
        message("InvalidParameterException", "Task definition does not support launch_type FARGATE.",
                () -> ecs.runTask(b -> b.cluster("apps").taskDefinition("bridged").launchType("FARGATE")));
        message("InvalidParameterException", "Task definition does not support launch_type FARGATE.",
                () -> ecs.createService(b -> b.cluster("apps").serviceName("s").taskDefinition("bridged")
                        .desiredCount(0).launchType("FARGATE")));
        message("InvalidParameterException", "Task definition does not support launch_type FARGATE.",
                () -> ecs.runTask(b -> b.cluster("apps").taskDefinition("bridged").capacityProviderStrategy(
                        s -> s.capacityProvider("FARGATE_SPOT").weight(1))));
    }

    @Test
    void ec2NeedsContainerMemoryWhenTheTaskHasNone() {
        message("ClientException", "Invalid setting for container 'bare'. At least one of 'memory' or"
                + " 'memoryReservation' must be specified.", () -> ecs.registerTaskDefinition(b -> b.family("f")
                        .requiresCompatibilitiesWithStrings("EC2").containerDefinitions(WEB,
                                ContainerDefinition.builder().name("bare").image("nginx").build())));
        ecs.registerTaskDefinition(b -> b.family("f").requiresCompatibilitiesWithStrings("EC2").memory("512")
                .containerDefinitions(ContainerDefinition.builder().name("bare").image("nginx").build()));
        ecs.registerTaskDefinition(b -> b.family("f").requiresCompatibilitiesWithStrings("EC2")
                .containerDefinitions(ContainerDefinition.builder().name("soft").image("nginx")
                        .memoryReservation(64).build()));
    }
}
