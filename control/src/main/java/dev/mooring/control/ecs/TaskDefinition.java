package dev.mooring.control.ecs;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A task definition revision (spec §2.2 "TaskDefinition"), stored under its ARN. */
public record TaskDefinition(String taskDefinitionArn, List<ContainerDefinition> containerDefinitions, String family,
                             String taskRoleArn, String executionRoleArn, String networkMode, Integer revision,
                             JsonNode volumes, String status, JsonNode requiresAttributes,
                             JsonNode placementConstraints, List<String> compatibilities, JsonNode runtimePlatform,
                             List<String> requiresCompatibilities, String cpu, String memory,
                             JsonNode inferenceAccelerators, String pidMode, String ipcMode,
                             JsonNode proxyConfiguration, Instant registeredAt, Instant deregisteredAt,
                             String registeredBy, JsonNode ephemeralStorage, Boolean enableFaultInjection) {

    public static final String ACTIVE = "ACTIVE";
    public static final String INACTIVE = "INACTIVE";
    public static final String DELETE_IN_PROGRESS = "DELETE_IN_PROGRESS";

    public TaskDefinition deregistered(Instant at) {
        return new TaskDefinition(taskDefinitionArn, containerDefinitions, family, taskRoleArn, executionRoleArn,
                networkMode, revision, volumes, INACTIVE, requiresAttributes, placementConstraints, compatibilities,
                runtimePlatform, requiresCompatibilities, cpu, memory, inferenceAccelerators, pidMode, ipcMode,
                proxyConfiguration, registeredAt, at, registeredBy, ephemeralStorage, enableFaultInjection);
    }

    /** DeleteTaskDefinitions: the revision is on its way out and can no longer be described as usable. */
    public TaskDefinition deleting() {
        return new TaskDefinition(taskDefinitionArn, containerDefinitions, family, taskRoleArn, executionRoleArn,
                networkMode, revision, volumes, DELETE_IN_PROGRESS, requiresAttributes, placementConstraints,
                compatibilities, runtimePlatform, requiresCompatibilities, cpu, memory, inferenceAccelerators, pidMode,
                ipcMode, proxyConfiguration, registeredAt, deregisteredAt, registeredBy, ephemeralStorage,
                enableFaultInjection);
    }

    /** The port mapping called {@code portName} in any container, with its container. */
    public Optional<NamedPort> port(String portName) {
        for (ContainerDefinition c : containerDefinitions) {
            for (ContainerDefinition.PortMapping p : c.portMappings() == null
                    ? List.<ContainerDefinition.PortMapping>of() : c.portMappings()) {
                if (portName.equals(p.name())) {
                    return Optional.of(new NamedPort(c, p));
                }
            }
        }
        return Optional.empty();
    }

    public record NamedPort(ContainerDefinition container, ContainerDefinition.PortMapping mapping) {}
}
