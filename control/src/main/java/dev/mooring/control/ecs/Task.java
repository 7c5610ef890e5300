package dev.mooring.control.ecs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mooring.task.ContainerStatus;
import dev.mooring.task.HealthStatus;
import dev.mooring.task.StopCode;
import dev.mooring.task.TaskStatus;
import java.time.Instant;
import java.util.List;

/**
 * An ECS task (spec §2.2 "Task"). Status names follow ECS's task lifecycle: PROVISIONING, PENDING, RUNNING,
 * DEPROVISIONING, STOPPED. Tags are filled in when answering, never stored here.
 */
public record Task(List<Attachment> attachments,
                   JsonNode attributes,
                   String availabilityZone,
                   String capacityProviderName,
                   String clusterArn,
                   String connectivity,
                   Instant connectivityAt,
                   String containerInstanceArn,
                   List<Container> containers,
                   String cpu,
                   Instant createdAt,
                   TaskStatus desiredStatus,
                   Boolean enableExecuteCommand,
                   Instant executionStoppedAt,
                   String group,
                   HealthStatus healthStatus,
                   TaskStatus lastStatus,
                   String launchType,
                   String memory,
                   TaskOverride overrides,
                   String platformVersion,
                   String platformFamily,
                   Instant pullStartedAt,
                   Instant pullStoppedAt,
                   Instant startedAt,
                   String startedBy,
                   StopCode stopCode,
                   Instant stoppedAt,
                   String stoppedReason,
                   Instant stoppingAt,
                   List<Tag> tags,
                   String taskArn,
                   String taskDefinitionArn,
                   Long version,
                   JsonNode ephemeralStorage) {

    public record Container(String containerArn, String taskArn, String name, String image, String imageDigest,
                            String runtimeId, ContainerStatus lastStatus, Integer exitCode, String reason,
                            List<NetworkBinding> networkBindings, List<NetworkInterface> networkInterfaces,
                            HealthStatus healthStatus, String cpu, String memory, String memoryReservation) {}

    public record NetworkBinding(String bindIP, Integer containerPort, Integer hostPort, String protocol) {}

    public record NetworkInterface(String attachmentId, String privateIpv4Address, String ipv6Address) {}

    /** Task and cluster attachments: the task's ElasticNetworkInterface carries its address as Fargate shows it. */
    public record Attachment(String id, String type, String status, List<KeyValuePair> details) {}

    public record TaskOverride(List<ContainerOverride> containerOverrides, String cpu, String executionRoleArn,
                               String memory, String taskRoleArn, JsonNode ephemeralStorage) {}

    public record ContainerOverride(String name, List<String> command, List<KeyValuePair> environment,
                                    JsonNode environmentFiles, Integer cpu, Integer memory, Integer memoryReservation,
                                    JsonNode resourceRequirements) {}

    public String taskId() {
        return taskArn.substring(taskArn.lastIndexOf('/') + 1);
    }

    public boolean isStopped() {
        return lastStatus == TaskStatus.STOPPED;
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Copies with some members changed: tasks change a few members at a time as they move through their life. */
    public static final class Builder {
        private List<Attachment> attachments;
        private JsonNode attributes;
        private String availabilityZone;
        private String capacityProviderName;
        private String clusterArn;
        private String connectivity;
        private Instant connectivityAt;
        private String containerInstanceArn;
        private List<Container> containers;
        private String cpu;
        private Instant createdAt;
        private TaskStatus desiredStatus;
        private Boolean enableExecuteCommand;
        private Instant executionStoppedAt;
        private String group;
        private HealthStatus healthStatus;
        private TaskStatus lastStatus;
        private String launchType;
        private String memory;
        private TaskOverride overrides;
        private String platformVersion;
        private String platformFamily;
        private Instant pullStartedAt;
        private Instant pullStoppedAt;
        private Instant startedAt;
        private String startedBy;
        private StopCode stopCode;
        private Instant stoppedAt;
        private String stoppedReason;
        private Instant stoppingAt;
        private List<Tag> tags;
        private String taskArn;
        private String taskDefinitionArn;
        private Long version;
        private JsonNode ephemeralStorage;

        private Builder(Task t) {
            attachments = t.attachments;
            attributes = t.attributes;
            availabilityZone = t.availabilityZone;
            capacityProviderName = t.capacityProviderName;
            clusterArn = t.clusterArn;
            connectivity = t.connectivity;
            connectivityAt = t.connectivityAt;
            containerInstanceArn = t.containerInstanceArn;
            containers = t.containers;
            cpu = t.cpu;
            createdAt = t.createdAt;
            desiredStatus = t.desiredStatus;
            enableExecuteCommand = t.enableExecuteCommand;
            executionStoppedAt = t.executionStoppedAt;
            group = t.group;
            healthStatus = t.healthStatus;
            lastStatus = t.lastStatus;
            launchType = t.launchType;
            memory = t.memory;
            overrides = t.overrides;
            platformVersion = t.platformVersion;
            platformFamily = t.platformFamily;
            pullStartedAt = t.pullStartedAt;
            pullStoppedAt = t.pullStoppedAt;
            startedAt = t.startedAt;
            startedBy = t.startedBy;
            stopCode = t.stopCode;
            stoppedAt = t.stoppedAt;
            stoppedReason = t.stoppedReason;
            stoppingAt = t.stoppingAt;
            tags = t.tags;
            taskArn = t.taskArn;
            taskDefinitionArn = t.taskDefinitionArn;
            version = t.version;
            ephemeralStorage = t.ephemeralStorage;
        }

        public Builder attachments(List<Attachment> v) {
            attachments = v;
            return this;
        }

        public Builder attributes(JsonNode v) {
            attributes = v;
            return this;
        }

        public Builder availabilityZone(String v) {
            availabilityZone = v;
            return this;
        }

        public Builder capacityProviderName(String v) {
            capacityProviderName = v;
            return this;
        }

        public Builder clusterArn(String v) {
            clusterArn = v;
            return this;
        }

        public Builder connectivity(String v) {
            connectivity = v;
            return this;
        }

        public Builder connectivityAt(Instant v) {
            connectivityAt = v;
            return this;
        }

        public Builder containerInstanceArn(String v) {
            containerInstanceArn = v;
            return this;
        }

        public Builder containers(List<Container> v) {
            containers = v;
            return this;
        }

        public Builder cpu(String v) {
            cpu = v;
            return this;
        }

        public Builder createdAt(Instant v) {
            createdAt = v;
            return this;
        }

        public Builder desiredStatus(TaskStatus v) {
            desiredStatus = v;
            return this;
        }

        public Builder enableExecuteCommand(Boolean v) {
            enableExecuteCommand = v;
            return this;
        }

        public Builder executionStoppedAt(Instant v) {
            executionStoppedAt = v;
            return this;
        }

        public Builder group(String v) {
            group = v;
            return this;
        }

        public Builder healthStatus(HealthStatus v) {
            healthStatus = v;
            return this;
        }

        public Builder lastStatus(TaskStatus v) {
            lastStatus = v;
            return this;
        }

        public Builder launchType(String v) {
            launchType = v;
            return this;
        }

        public Builder memory(String v) {
            memory = v;
            return this;
        }

        public Builder overrides(TaskOverride v) {
            overrides = v;
            return this;
        }

        public Builder platformVersion(String v) {
            platformVersion = v;
            return this;
        }

        public Builder platformFamily(String v) {
            platformFamily = v;
            return this;
        }

        public Builder pullStartedAt(Instant v) {
            pullStartedAt = v;
            return this;
        }

        public Builder pullStoppedAt(Instant v) {
            pullStoppedAt = v;
            return this;
        }

        public Builder startedAt(Instant v) {
            startedAt = v;
            return this;
        }

        public Builder startedBy(String v) {
            startedBy = v;
            return this;
        }

        public Builder stopCode(StopCode v) {
            stopCode = v;
            return this;
        }

        public Builder stoppedAt(Instant v) {
            stoppedAt = v;
            return this;
        }

        public Builder stoppedReason(String v) {
            stoppedReason = v;
            return this;
        }

        public Builder stoppingAt(Instant v) {
            stoppingAt = v;
            return this;
        }

        public Builder tags(List<Tag> v) {
            tags = v;
            return this;
        }

        public Builder taskArn(String v) {
            taskArn = v;
            return this;
        }

        public Builder taskDefinitionArn(String v) {
            taskDefinitionArn = v;
            return this;
        }

        public Builder version(Long v) {
            version = v;
            return this;
        }

        public Builder ephemeralStorage(JsonNode v) {
            ephemeralStorage = v;
            return this;
        }

        public Task build() {
            return new Task(attachments, attributes, availabilityZone, capacityProviderName, clusterArn, connectivity, connectivityAt, containerInstanceArn, containers, cpu, createdAt, desiredStatus, enableExecuteCommand, executionStoppedAt, group, healthStatus, lastStatus, launchType, memory, overrides, platformVersion, platformFamily, pullStartedAt, pullStoppedAt, startedAt, startedBy, stopCode, stoppedAt, stoppedReason, stoppingAt, tags, taskArn, taskDefinitionArn, version, ephemeralStorage);
        }
    }
}
