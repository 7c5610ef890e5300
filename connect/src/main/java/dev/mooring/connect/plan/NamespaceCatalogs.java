package dev.mooring.connect.plan;

import dev.mooring.control.ecs.ContainerDefinition.PortMapping;
import dev.mooring.control.ecs.Deployment;
import dev.mooring.control.ecs.EcsTables;
import dev.mooring.control.ResourceTags;
import dev.mooring.control.ecs.Service;
import dev.mooring.control.ecs.ServiceConnectConfiguration.ClientAlias;
import dev.mooring.control.ecs.ServiceConnectConfiguration.ServiceConnectService;
import dev.mooring.control.ecs.StoredService;
import dev.mooring.control.Tag;
import dev.mooring.control.ecs.TaskDefinition;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a namespace's endpoints from the ECS tables: every deployment of every active service that joined the
 * namespace, newest deployment first, each client alias with its default dnsName ({@code discoveryName.namespace},
 * spec §4.1). A Service Connect service without an alias still has its endpoint
 * {@code discoveryName.namespace:containerPort}, as the worked example of spec §4.1 shows.
 */
public final class NamespaceCatalogs {
    private NamespaceCatalogs() {}

    public static NamespaceCatalog of(EcsTables tables, String namespaceArn, String namespaceName) {
        Map<String, NamespaceEndpoint> byEndpoint = new LinkedHashMap<>();
        List<String> warnings = new ArrayList<>();
        List<StoredService> members = tables.services().stream()
                .filter(s -> !Service.INACTIVE.equals(s.service().status()))
                .filter(s -> s.namespaces() != null && s.namespaces().containsValue(namespaceArn))
                .sorted(Comparator.comparing(StoredService::arn)).toList();
        for (StoredService stored : members) {
            Service service = stored.service();
            ExtensionTags tags = new ExtensionTags(tags(tables, stored.arn()));
            for (Deployment d : service.deployments()) {
                if (!namespaceArn.equals(stored.namespaces().get(d.id())) || d.serviceConnectConfiguration() == null
                        || !d.serviceConnectConfiguration().isEnabled()) {
                    continue;
                }
                Optional<TaskDefinition> td = tables.taskDefinitions().get(d.taskDefinition());
                for (ServiceConnectService sc : d.serviceConnectConfiguration().servicesOrEmpty()) {
                    Optional<PortMapping> mapping = td.flatMap(t -> t.port(sc.portName()))
                            .map(TaskDefinition.NamedPort::mapping);
                    if (mapping.isEmpty()) {
                        continue;
                    }
                    AppProtocol protocol;
                    try {
                        protocol = AppProtocol.of(mapping.get().appProtocol());
                    } catch (IllegalArgumentException e) {
                        warnings.add(e.getMessage() + "; " + sc.effectiveDiscoveryName() + " is treated as TCP");
                        protocol = AppProtocol.TCP;
                    }
                    String discoveryName = sc.effectiveDiscoveryName();
                    TrafficPolicy policy = tags.trafficPolicy(discoveryName);
                    Timeouts timeouts = Timeouts.of(protocol, sc.timeout());
                    for (Map.Entry<String, Integer> e : endpoints(sc, namespaceName, mapping.get()).entrySet()) {
                        String key = e.getKey() + ":" + e.getValue();
                        byEndpoint.putIfAbsent(key, new NamespaceEndpoint(e.getKey(), e.getValue(), discoveryName,
                                protocol, timeouts, policy, stored.arn()));
                    }
                }
            }
            tags.warnings().forEach(w -> warnings.add(service.serviceName() + ": " + w));
        }
        return new NamespaceCatalog(namespaceArn, namespaceName, List.copyOf(byEndpoint.values()),
                warnings.stream().distinct().toList());
    }

    /** dnsName → port of one Service Connect service's endpoints. */
    static Map<String, Integer> endpoints(ServiceConnectService sc, String namespaceName, PortMapping mapping) {
        String defaultName = sc.effectiveDiscoveryName() + "." + namespaceName;
        Map<String, Integer> out = new LinkedHashMap<>();
        List<ClientAlias> aliases = sc.clientAliases() == null ? List.of() : sc.clientAliases();
        if (aliases.isEmpty() && mapping.containerPort() != null) {
            out.put(defaultName, mapping.containerPort());
        }
        for (ClientAlias a : aliases) {
            if (a != null && a.port() != null) {
                out.put(a.dnsName() != null ? a.dnsName() : defaultName, a.port());
            }
        }
        return out;
    }

    static Map<String, String> tags(EcsTables tables, String arn) {
        Map<String, String> out = new HashMap<>();
        tables.tags().get(arn).map(ResourceTags::tags).orElse(List.of()).stream()
                .filter(t -> t.key() != null && t.value() != null).forEach((Tag t) -> out.put(t.key(), t.value()));
        return out;
    }
}
