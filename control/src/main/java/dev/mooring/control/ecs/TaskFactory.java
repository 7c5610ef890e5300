package dev.mooring.control.ecs;

import dev.mooring.control.Arn;
import dev.mooring.control.Ids;
import dev.mooring.task.ContainerStatus;
import dev.mooring.task.HealthStatus;
import dev.mooring.task.TaskStatus;
import java.time.Instant;
import java.util.List;

/** New tasks as RunTask and the service scheduler record them: PROVISIONING, desired RUNNING, nothing launched. */
public final class TaskFactory {
    private TaskFactory() {}

    /**
     * @param group     "service:&lt;name&gt;" for service tasks, else what RunTask was given or "family:&lt;family&gt;"
     * @param startedBy the deployment id for service tasks (spec §1.5), else RunTask's startedBy
     */
    public static Task newTask(String clusterArn, TaskDefinition td, Task.TaskOverride overrides, String group,
                               String startedBy, String launchType, String platformVersion,
                               Boolean enableExecuteCommand, Instant now) {
        String taskArn = Arns.task(clusterArn, Ids.taskId());
        List<Task.Container> containers = td.containerDefinitions().stream()
                .map(c -> TaskContainerBuilder.builder().containerArn(Arns.container(taskArn, Ids.uuid()))
                        .taskArn(taskArn).name(c.name()).image(c.image()).lastStatus(ContainerStatus.PENDING)
                        .networkBindings(List.of()).networkInterfaces(List.of()).healthStatus(HealthStatus.UNKNOWN)
                        .cpu(text(c.cpu())).memory(text(c.memory())).memoryReservation(text(c.memoryReservation()))
                        .build())
                .toList();
        Task.Attachment eni = new Task.Attachment(Ids.uuid(), "ElasticNetworkInterface", "PRECREATED", List.of());
        String cpu = overrides != null && overrides.cpu() != null ? overrides.cpu() : td.cpu();
        String memory = overrides != null && overrides.memory() != null ? overrides.memory() : td.memory();
        return TaskBuilder.builder().attachments(List.of(eni)).availabilityZone(Arn.region(clusterArn) + "a")
                .clusterArn(clusterArn).containers(containers).cpu(cpu).createdAt(now)
                .desiredStatus(TaskStatus.RUNNING)
                .enableExecuteCommand(enableExecuteCommand != null && enableExecuteCommand).group(group)
                .healthStatus(HealthStatus.UNKNOWN).lastStatus(TaskStatus.PROVISIONING).launchType(launchType)
                .memory(memory)
                .overrides(overrides != null ? overrides
                        : new Task.TaskOverride(List.of(), null, null, null, null, null))
                .platformVersion(platformVersion).startedBy(startedBy).taskArn(taskArn)
                .taskDefinitionArn(td.taskDefinitionArn()).version(1L).build();
    }

    /**
     * A task of a Service Connect deployment: ECS adds the proxy's container, with no image, and names it in a
     * {@code ServiceConnect} attachment (spec §4.3).
     */
    public static Task withServiceConnect(Task t) {
        String name = ServiceConnectContainer.name(t.taskId());
        List<Task.Container> containers = new java.util.ArrayList<>(t.containers());
        containers.add(new Task.Container(Arns.container(t.taskArn(), Ids.uuid()), t.taskArn(), name, null, null,
                null, ContainerStatus.PENDING, null, null, List.of(), List.of(), HealthStatus.UNKNOWN, null, null,
                null));
        List<Task.Attachment> attachments = new java.util.ArrayList<>(t.attachments());
        attachments.add(new Task.Attachment(Ids.uuid(), ServiceConnectContainer.ATTACHMENT_TYPE, "PRECREATED",
                List.of(new KeyValuePair("ContainerName", name))));
        return t.toBuilder().containers(List.copyOf(containers)).attachments(List.copyOf(attachments)).build();
    }

    private static String text(Integer value) {
        return value == null ? null : value.toString();
    }
}
