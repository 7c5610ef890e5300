package dev.mooring.control.ecs;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * A container of a task definition with every member of the current ECS model (spec §2.2 "ContainerDefinition"),
 * so that what a client registers is echoed back. Members Mooring does not act on are opaque JSON.
 */
public record ContainerDefinition(String name, String image, ObjectNode repositoryCredentials, Integer cpu,
                                  Integer memory, Integer memoryReservation, List<String> links,
                                  List<PortMapping> portMappings, Boolean essential, ObjectNode restartPolicy,
                                  List<String> entryPoint, List<String> command, List<KeyValuePair> environment,
                                  ArrayNode environmentFiles, ArrayNode mountPoints, ArrayNode volumesFrom,
                                  ObjectNode linuxParameters, ArrayNode secrets, List<ContainerDependency> dependsOn,
                                  Integer startTimeout, Integer stopTimeout, String versionConsistency,
                                  String hostname, String user, String workingDirectory, Boolean disableNetworking,
                                  Boolean privileged, Boolean readonlyRootFilesystem, List<String> dnsServers,
                                  List<String> dnsSearchDomains, List<HostEntry> extraHosts,
                                  List<String> dockerSecurityOptions, Boolean interactive, Boolean pseudoTerminal,
                                  Map<String, String> dockerLabels, ArrayNode ulimits,
                                  LogConfiguration logConfiguration, HealthCheck healthCheck,
                                  ArrayNode systemControls, ArrayNode resourceRequirements,
                                  ObjectNode firelensConfiguration, List<String> credentialSpecs) {

    public record PortMapping(Integer containerPort, Integer hostPort, String protocol, String name,
                              String appProtocol, String containerPortRange) {}

    public record HealthCheck(List<String> command, Integer interval, Integer timeout, Integer retries,
                              Integer startPeriod) {}

    public record ContainerDependency(String containerName, String condition) {}

    public record HostEntry(String hostname, String ipAddress) {}

    public record LogConfiguration(String logDriver, Map<String, String> options, ArrayNode secretOptions) {}

    /**
     * What AWS fills in on registration: essential defaults to true, cpu to 0, port protocol to tcp, environment,
     * mountPoints and volumesFrom to {@code []}.
     */
    public ContainerDefinition withDefaults(boolean hostPortIsContainerPort) {
        List<PortMapping> ports = portMappings == null ? List.of() : portMappings.stream()
                .map(p -> new PortMapping(p.containerPort(),
                        p.hostPort() == null && hostPortIsContainerPort ? p.containerPort() : p.hostPort(),
                        p.protocol() == null ? "tcp" : p.protocol(), p.name(), p.appProtocol(),
                        p.containerPortRange()))
                .toList();
        return new ContainerDefinition(name, image, repositoryCredentials, cpu == null ? 0 : cpu, memory,
                memoryReservation, links, ports, essential == null || essential, restartPolicy, entryPoint, command,
                environment == null ? List.of() : environment, environmentFiles,
                mountPoints == null ? JsonNodeFactory.instance.arrayNode() : mountPoints,
                volumesFrom == null ? JsonNodeFactory.instance.arrayNode() : volumesFrom,
                linuxParameters, secrets, dependsOn, startTimeout, stopTimeout, versionConsistency, hostname, user,
                workingDirectory, disableNetworking, privileged, readonlyRootFilesystem, dnsServers,
                dnsSearchDomains, extraHosts, dockerSecurityOptions, interactive, pseudoTerminal, dockerLabels,
                ulimits, logConfiguration, healthCheck, systemControls, resourceRequirements,
                firelensConfiguration, credentialSpecs);
    }
}
