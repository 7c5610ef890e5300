package dev.mooring.proxy.upstream;

import dev.mooring.proxy.OutlierDetection;

import java.util.List;

/**
 * Passive health checking as Service Connect documents it (spec §4.4): a host with {@code failures} or more failures
 * within the sliding {@code interval} is ejected for {@code baseEjection × 2^(n-1)} (n = its ejection count), capped at
 * {@code maxEjection}; the count starts over once the host has stayed in for {@code maxEjection}. A success does not
 * reset the count (a window, not Envoy's consecutive_5xx). The last available host is never ejected.
 * What counts as a failure is decided by the callers: connect failures, resets before the response ended,
 * per-request timeouts and 5xx responses from the upstream.
 * Failures are rare, so this path takes a lock; choosing a host never does.
 */
public final class OutlierDetector {
    private final OutlierDetection config;

    public OutlierDetector(OutlierDetection config) {
        this.config = config;
    }

    public int window() {
        return config.failures();
    }

    /** @return true when this failure ejected the host */
    public synchronized boolean failure(Host host, List<Host> hosts, long now) {
        if (host.removed || host.ejectedAt(now)) return false;
        long[] times = host.failureTimes;
        times[host.failureNext] = now;
        host.failureNext = (host.failureNext + 1) % times.length;
        if (host.failureCount < times.length) host.failureCount++;
        if (host.failureCount < times.length) return false;
        long oldest = times[host.failureNext];             // the ring is full: the slot about to be overwritten
        if (now - oldest > config.interval().toNanos()) return false;
        host.failureCount = 0;
        boolean another = false;
        for (Host h : hosts) if (h != host && h.available(now)) { another = true; break; }
        if (!another) return false;                          // never eject the last host (spec §4.4)
        if (host.ejections > 0 && now - host.lastEjectionEndNanos >= config.maxEjection().toNanos()) host.ejections = 0;
        host.ejections++;
        long base = config.baseEjection().toNanos();
        long max = config.maxEjection().toNanos();
        long duration = host.ejections >= 32 ? max : Math.min(max, base << (host.ejections - 1));
        if (duration < 0) duration = max;
        host.lastEjectionEndNanos = now + duration;
        host.eject(now + duration);
        return true;
    }
}
