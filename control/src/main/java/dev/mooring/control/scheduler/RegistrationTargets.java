package dev.mooring.control.scheduler;

import dev.mooring.control.Arn;
import dev.mooring.control.ecs.Arns;
import dev.mooring.control.ecs.ContainerDefinition;
import dev.mooring.control.ecs.Deployment;
import dev.mooring.control.ecs.EcsState;
import dev.mooring.control.ecs.Service;
import dev.mooring.control.ecs.ServiceConnectConfiguration;
import dev.mooring.control.ecs.StoredService;
import dev.mooring.control.ecs.StoredTask;
import dev.mooring.control.ecs.Task;
import dev.mooring.control.ecs.TaskDefinition;
import dev.mooring.task.Routability;
import dev.mooring.task.TaskStatus;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which Cloud Map services a task should be an instance of right now, with the attributes ECS writes (spec §4.3):
 * its deployment's Service Connect services and its service's registry, while it is {@link Routability routable}.
 */
final class RegistrationTargets {
    private final EcsState ecs;

    RegistrationTargets(EcsState ecs) {
        this.ecs = ecs;
    }

    /** Cloud Map service ARN → instance attributes; empty when the task should be registered nowhere. */
    Map<String, Map<String, String>> of(StoredTask stored) {
        Task t = stored.task();
        String ip = t.privateIpv4Address();
        if (stored.serviceArn() == null || ip == null
                || !Routability.isRoutable(t.desiredStatus(), t.lastStatus(), t.healthStatus())) {
            return Map.of();
        }
        Optional<StoredService> service = ecs.tables().services().get(stored.serviceArn());
        Optional<TaskDefinition> td = ecs.tables().taskDefinitions().get(t.taskDefinitionArn());
        if (service.isEmpty() || td.isEmpty()) {
            return Map.of();
        }
        Service s = service.get().service();
        Map<String, Map<String, String>> targets = new LinkedHashMap<>();
        s.deployments().stream().filter(d -> d.id().equals(t.startedBy())).findFirst()
                .filter(d -> d.serviceConnectConfiguration() != null && d.serviceConnectConfiguration().isEnabled())
                .ifPresent(d -> serviceConnect(d, td.get(), s, t, ip, targets));
        for (Service.ServiceRegistry r : s.registriesOrEmpty()) {
            targets.put(r.registryArn(), attributes(s, t, td.get(), ip, registryPort(r, td.get())));
        }
        return targets;
    }

    private static void serviceConnect(Deployment d, TaskDefinition td, Service s, Task t, String ip,
                                       Map<String, Map<String, String>> targets) {
        for (ServiceConnectConfiguration.ServiceConnectService sc : d.serviceConnectConfiguration().servicesOrEmpty()) {
            d.resourcesOrEmpty().stream().filter(r -> r.discoveryName().equals(sc.effectiveDiscoveryName()))
                    .findFirst().ifPresent(r -> {
                        // the ingress listener: containerPort unless ingressPortOverride moves it (spec §4.4)
                        Integer port = sc.ingressPortOverride() != null ? sc.ingressPortOverride()
                                : td.port(sc.portName()).map(p -> p.mapping().containerPort()).orElse(null);
                        targets.put(r.discoveryArn(), attributes(s, t, td, ip, port));
                    });
        }
    }

    private static Integer registryPort(Service.ServiceRegistry r, TaskDefinition td) {
        if (r.containerPort() != null) {
            return r.containerPort();
        }
        if (r.port() != null) {
            return r.port();
        }
        return td.containerDefinitions().stream()
                .filter(c -> r.containerName() == null || c.name().equals(r.containerName()))
                .flatMap(c -> c.portMappings() == null ? java.util.stream.Stream.empty() : c.portMappings().stream())
                .map(ContainerDefinition.PortMapping::containerPort).filter(java.util.Objects::nonNull)
                .findFirst().orElse(null);
    }

    private static Map<String, String> attributes(Service s, Task t, TaskDefinition td, String ip, Integer port) {
        Map<String, String> a = new LinkedHashMap<>();
        a.put("AWS_INSTANCE_IPV4", ip);
        if (port != null) {
            a.put("AWS_INSTANCE_PORT", port.toString());
        }
        String region = Arn.region(t.taskArn());
        a.put("AVAILABILITY_ZONE", region + "a");
        a.put("REGION", region);
        a.put("ECS_SERVICE_NAME", s.serviceName());
        a.put("ECS_CLUSTER_NAME", Arns.lastSegment(s.clusterArn()));
        a.put("ECS_TASK_DEFINITION_FAMILY", td.family());
        return a;
    }
}
