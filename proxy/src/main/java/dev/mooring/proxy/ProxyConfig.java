package dev.mooring.proxy;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** A whole proxy (one per task): its listeners and the clusters they route to. */
public record ProxyConfig(String name, List<ListenerConfig> listeners, List<ClusterConfig> clusters) {
    public ProxyConfig {
        Objects.requireNonNull(name, "name");
        listeners = List.copyOf(listeners);
        clusters = List.copyOf(clusters);
        Set<String> names = new HashSet<>();
        for (ClusterConfig c : clusters)
            if (!names.add(c.name())) throw new IllegalArgumentException("cluster " + c.name() + " is defined twice");
        Set<String> listenerNames = new HashSet<>();
        for (ListenerConfig l : listeners) {
            if (!listenerNames.add(l.name()))
                throw new IllegalArgumentException("listener " + l.name() + " is defined twice");
            for (Route r : l.routes())
                for (String c : r.action().clusters())
                    if (!names.contains(c))
                        throw new IllegalArgumentException("listener " + l.name() + " routes to unknown cluster " + c);
        }
    }
}
