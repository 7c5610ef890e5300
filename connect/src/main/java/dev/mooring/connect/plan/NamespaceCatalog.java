package dev.mooring.connect.plan;

import java.util.Comparator;
import java.util.List;

/**
 * Every endpoint of one Cloud Map namespace, across all its ECS services and clusters, at one moment: what a task
 * starting now gets (spec §4.5). Sorted by name and port, one entry per (dnsName, port).
 */
public record NamespaceCatalog(String namespaceArn, String namespaceName, List<NamespaceEndpoint> endpoints,
                               List<String> warnings) {
    public NamespaceCatalog {
        endpoints = endpoints.stream()
                .sorted(Comparator.comparing(NamespaceEndpoint::dnsName).thenComparing(NamespaceEndpoint::port))
                .toList();
        warnings = List.copyOf(warnings);
    }

    public NamespaceCatalog(String namespaceArn, String namespaceName, List<NamespaceEndpoint> endpoints) {
        this(namespaceArn, namespaceName, endpoints, List.of());
    }
}
