package dev.mooring.proxy.upstream;

import dev.mooring.proxy.Endpoint;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * One endpoint of a cluster with its live state. The same object survives host-set updates while the endpoint's id
 * and address stay, so ejections and pooled connections carry over.
 */
public final class Host {
    private final Endpoint endpoint;
    /** Requests (or TCP sessions) in flight: the least-request balancer reads it. */
    final AtomicInteger active = new AtomicInteger();
    // outlier state: written under the cluster's outlier lock (failure path only), read lock-free
    private volatile boolean ejected;
    private volatile long ejectedUntilNanos;
    int ejections;
    long lastEjectionEndNanos;
    final long[] failureTimes;
    int failureCount;
    int failureNext;
    volatile boolean removed;

    Host(Endpoint endpoint, int failureWindow) {
        this.endpoint = endpoint;
        this.failureTimes = new long[failureWindow];
    }

    public Endpoint endpoint() {
        return endpoint;
    }

    public boolean available(long nowNanos) {
        return !ejected || nowNanos - ejectedUntilNanos >= 0;
    }

    public boolean ejectedAt(long nowNanos) {
        return !available(nowNanos);
    }

    public long ejectedUntilNanos() {
        return ejectedUntilNanos;
    }

    public int ejections() {
        return ejections;
    }

    public int activeRequests() {
        return active.get();
    }

    public void requestStarted() {
        active.incrementAndGet();
    }

    public void requestEnded() {
        active.decrementAndGet();
    }

    void eject(long untilNanos) {
        ejectedUntilNanos = untilNanos;
        ejected = true;
    }

    public boolean removed() {
        return removed;
    }

    @Override
    public String toString() {
        return endpoint.id() + "@" + endpoint.address();
    }
}
