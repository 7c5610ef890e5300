package dev.mooring.connect.endpoints;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Who serves each discovery name at one moment: immutable, replaced whole, with a version that grows whenever the
 * content changes. Proxies get their host sets from here; a task that is in no host set receives no new traffic.
 */
public record EndpointSnapshot(long version, Map<HostSetKey, List<EndpointHost>> hostSets) {
    private static final Comparator<HostSetKey> KEY_ORDER = Comparator.comparing(HostSetKey::namespaceArn)
            .thenComparing(HostSetKey::discoveryName);
    /** Declared after KEY_ORDER, which its construction uses. */
    public static final EndpointSnapshot EMPTY = new EndpointSnapshot(0, Map.of());

    public EndpointSnapshot {
        TreeMap<HostSetKey, List<EndpointHost>> sorted = new TreeMap<>(KEY_ORDER);
        hostSets.forEach((k, v) -> sorted.put(k, v.stream()
                .sorted(Comparator.comparing(EndpointHost::taskId).thenComparing(EndpointHost::port)).toList()));
        hostSets = java.util.Collections.unmodifiableMap(sorted);
    }

    /** The hosts behind a discovery name; empty when nobody serves it (yet). */
    public List<EndpointHost> hosts(HostSetKey key) {
        return hostSets.getOrDefault(key, List.of());
    }

    public List<EndpointHost> hosts(String namespaceArn, String discoveryName) {
        return hosts(new HostSetKey(namespaceArn, discoveryName));
    }

    /** Every task that receives traffic through some host set. */
    public Set<String> taskIds() {
        return hostSets.values().stream().flatMap(List::stream).map(EndpointHost::taskId)
                .collect(Collectors.toUnmodifiableSet());
    }

    /** The same content, ignoring the version. */
    boolean sameHosts(Map<HostSetKey, List<EndpointHost>> other) {
        return hostSets.equals(new EndpointSnapshot(version, other).hostSets());
    }
}
