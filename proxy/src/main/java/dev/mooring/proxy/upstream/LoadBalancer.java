package dev.mooring.proxy.upstream;

import dev.mooring.proxy.LoadBalancerPolicy;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Picks a host for one attempt. Preference, in order: available (not ejected) and not yet tried by this request;
 * available; not yet tried; any. So retries land on another host whenever one exists (spec §4.4), and a cluster whose
 * hosts are all ejected still gets traffic rather than none. Allocation-free and lock-free.
 */
public sealed interface LoadBalancer {
    Host choose(List<Host> hosts, List<Host> tried, long nowNanos);

    static LoadBalancer of(LoadBalancerPolicy policy) {
        return switch (policy) {
            case ROUND_ROBIN -> new RoundRobin();
            case LEAST_REQUEST -> new LeastRequest();
        };
    }

    private static boolean fits(Host h, List<Host> tried, long now, int tier) {
        return switch (tier) {
            case 0 -> h.available(now) && !tried.contains(h);
            case 1 -> h.available(now);
            case 2 -> !tried.contains(h);
            default -> true;
        };
    }

    /** AWS's policy: the next host in turn, skipping those that do not fit. */
    final class RoundRobin implements LoadBalancer {
        private final AtomicInteger next = new AtomicInteger();

        @Override
        public Host choose(List<Host> hosts, List<Host> tried, long now) {
            int n = hosts.size();
            if (n == 0) return null;
            int start = next.getAndIncrement();
            for (int tier = 0; tier < 4; tier++) {
                for (int i = 0; i < n; i++) {
                    Host h = hosts.get(Math.floorMod(start + i, n));
                    if (fits(h, tried, now, tier)) return h;
                }
            }
            return null;
        }
    }

    /** Power of two choices on requests in flight (Envoy's LEAST_REQUEST with choice_count 2). */
    final class LeastRequest implements LoadBalancer {
        @Override
        public Host choose(List<Host> hosts, List<Host> tried, long now) {
            int n = hosts.size();
            if (n == 0) return null;
            ThreadLocalRandom random = ThreadLocalRandom.current();
            for (int tier = 0; tier < 4; tier++) {
                Host a = scan(hosts, tried, now, tier, random.nextInt(n), null);
                if (a == null) continue;
                Host b = n == 1 ? null : scan(hosts, tried, now, tier, random.nextInt(n), a);
                return b == null || a.active.get() <= b.active.get() ? a : b;
            }
            return null;
        }

        /** The first fitting host from {@code start} on, other than {@code not}: the two choices are distinct. */
        private static Host scan(List<Host> hosts, List<Host> tried, long now, int tier, int start, Host not) {
            int n = hosts.size();
            for (int i = 0; i < n; i++) {
                Host h = hosts.get((start + i) % n);
                if (h != not && fits(h, tried, now, tier)) return h;
            }
            return null;
        }
    }
}
