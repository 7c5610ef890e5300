package dev.mooring.connect.endpoints;

import dev.mooring.control.ecs.Deployment;
import dev.mooring.control.ecs.EcsTables;
import dev.mooring.control.ecs.ServiceConnectConfiguration.ServiceConnectService;
import dev.mooring.control.ecs.StoredService;
import dev.mooring.control.ecs.StoredTask;
import dev.mooring.control.ecs.Task;
import dev.mooring.control.ecs.TaskDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads, from the ECS tables, every task that serves a Service Connect service: the discovery names its
 * deployment gives it, its address and ingress port (ingressPortOverride, else the containerPort, as its Cloud Map
 * instance carries, spec §4.3), and its {@link Readiness}.
 */
public final class EndpointCandidates {
    private EndpointCandidates() {}

    public static List<EndpointCandidate> from(EcsTables tables) {
        List<EndpointCandidate> out = new ArrayList<>();
        for (StoredTask stored : tables.tasks().all()) {
            Task t = stored.task();
            if (stored.serviceArn() == null || t.isStopped()) {
                continue;
            }
            Optional<StoredService> service = tables.services().get(stored.serviceArn());
            Optional<Deployment> deployment = service.flatMap(s -> s.service().deployments().stream()
                    .filter(d -> d.id().equals(t.startedBy())).findFirst());
            if (deployment.isEmpty() || deployment.get().serviceConnectConfiguration() == null
                    || !deployment.get().serviceConnectConfiguration().isEnabled()) {
                continue;
            }
            String namespaceArn = service.get().namespaces() == null ? null
                    : service.get().namespaces().get(deployment.get().id());
            Optional<TaskDefinition> td = tables.taskDefinitions().get(t.taskDefinitionArn());
            if (namespaceArn == null || td.isEmpty()) {
                continue;
            }
            boolean routable = Readiness.routable(t, hasHealthChecks(td.get()));
            String address = address(t);
            for (ServiceConnectService sc : deployment.get().serviceConnectConfiguration().servicesOrEmpty()) {
                Integer port = sc.ingressPortOverride() != null ? sc.ingressPortOverride()
                        : td.get().port(sc.portName()).map(p -> p.mapping().containerPort()).orElse(null);
                if (port == null) {
                    continue;
                }
                out.add(new EndpointCandidate(new HostSetKey(namespaceArn, sc.effectiveDiscoveryName()),
                        new EndpointHost(t.taskId(), address, port, stored.serviceArn()), routable));
            }
        }
        return out;
    }

    /** ECS task health counts essential containers with a health check only. */
    static boolean hasHealthChecks(TaskDefinition td) {
        return td.containerDefinitions().stream()
                .anyMatch(c -> c.healthCheck() != null && (c.essential() == null || c.essential()));
    }

    static String address(Task t) {
        return t.containers() == null ? null : t.containers().stream()
                .flatMap(c -> c.networkInterfaces() == null ? java.util.stream.Stream.empty()
                        : c.networkInterfaces().stream())
                .map(Task.NetworkInterface::privateIpv4Address).filter(Objects::nonNull).findFirst().orElse(null);
    }
}
