package dev.mooring.connect.endpoints;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Holds the current {@link EndpointSnapshot} and makes the next one from the candidates of a reconcile pass: only
 * routable candidates become hosts, and the version moves only when the hosts do. Readers never lock.
 */
public final class EndpointSnapshots {
    private final AtomicReference<EndpointSnapshot> current = new AtomicReference<>(EndpointSnapshot.EMPTY);

    public EndpointSnapshot current() {
        return current.get();
    }

    /** Replaces the snapshot if the routable hosts changed; returns the (possibly unchanged) current one. */
    public synchronized EndpointSnapshot update(Collection<EndpointCandidate> candidates) {
        Map<HostSetKey, List<EndpointHost>> next = build(candidates);
        EndpointSnapshot now = current.get();
        if (now.sameHosts(next)) {
            return now;
        }
        EndpointSnapshot replaced = new EndpointSnapshot(now.version() + 1, next);
        current.set(replaced);
        return replaced;
    }

    static Map<HostSetKey, List<EndpointHost>> build(Collection<EndpointCandidate> candidates) {
        Map<HostSetKey, List<EndpointHost>> sets = new HashMap<>();
        for (EndpointCandidate c : candidates) {
            if (c.routable() && c.host().address() != null) {
                sets.computeIfAbsent(c.key(), k -> new ArrayList<>()).add(c.host());
            }
        }
        return sets;
    }
}
