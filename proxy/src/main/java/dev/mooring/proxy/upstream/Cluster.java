package dev.mooring.proxy.upstream;

import dev.mooring.core.net.EventLoops;
import dev.mooring.proxy.ClusterConfig;
import dev.mooring.proxy.Endpoint;
import dev.mooring.proxy.HostSet;
import dev.mooring.proxy.ProxyStatus;
import dev.mooring.proxy.RetryBudget;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.EventExecutor;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * An upstream cluster: its host set (an immutable list swapped whole, so a request reads one consistent snapshot
 * without a lock), its load balancer, outlier detector and connection pools, and how its sockets are made.
 */
public final class Cluster {
    private final ClusterConfig config;
    private final EventLoopGroup group;
    private final long upstreamIdleMillis;
    private final AtomicReference<List<Host>> hosts = new AtomicReference<>(List.of());
    private final LoadBalancer loadBalancer;
    private final OutlierDetector outliers;
    private final Http1Pool http1 = new Http1Pool(this);
    private final Http2Pool http2 = new Http2Pool(this);
    /** Requests in flight and those of them retrying, counted only when the retry policy has a budget. */
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger retrying = new AtomicInteger();

    @FunctionalInterface
    public interface Connected {
        /** On the event loop given to connect: exactly one of {@code channel} and {@code failure} is set. */
        void connected(Channel channel, Throwable failure);
    }

    /** @param upstreamIdle idle timeout for pooled connections ({@link Duration#ZERO}: none) */
    public Cluster(ClusterConfig config, EventLoopGroup group, Duration upstreamIdle) {
        this.config = config;
        this.group = group;
        this.upstreamIdleMillis = upstreamIdle.toMillis();
        this.loadBalancer = LoadBalancer.of(config.loadBalancer());
        this.outliers = new OutlierDetector(config.outlierDetection());
    }

    public ClusterConfig config() {
        return config;
    }

    long upstreamIdleMillis() {
        return upstreamIdleMillis;
    }

    public List<Host> hosts() {
        return hosts.get();
    }

    /** @return the host for the next attempt, or null when the cluster has none */
    public Host choose(List<Host> tried) {
        return loadBalancer.choose(hosts.get(), tried, System.nanoTime());
    }

    /** A request started; with a retry budget, it counts toward what the budget allows. */
    public void requestStarted() {
        if (config.retry().budget() != null) requests.incrementAndGet();
    }

    /** A request ended; {@code retried}: it held a retry slot, which it gives back. */
    public void requestEnded(boolean retried) {
        if (config.retry().budget() != null) {
            requests.decrementAndGet();
            if (retried) retrying.decrementAndGet();
        }
    }

    /**
     * Takes a retry slot for a request's first retry; false when the budget is spent. A request keeps its slot for
     * later retries and gives it back through {@link #requestEnded}.
     */
    public boolean tryStartRetrying() {
        RetryBudget budget = config.retry().budget();
        if (budget == null) return true;
        while (true) {
            int now = retrying.get();
            if (now >= budget.allowed(requests.get())) return false;
            if (retrying.compareAndSet(now, now + 1)) return true;
        }
    }

    public void failure(Host host) {
        outliers.failure(host, hosts.get(), System.nanoTime());
    }

    public synchronized void update(HostSet set) {
        List<Host> old = hosts.get();
        Map<String, Host> byId = new HashMap<>();
        for (Host h : old) byId.put(h.endpoint().id(), h);
        List<Host> next = new ArrayList<>(set.endpoints().size());
        List<Host> gone = new ArrayList<>();
        for (Endpoint e : set.endpoints()) {
            Host h = byId.remove(e.id());
            if (h != null && h.endpoint().address().equals(e.address())) {
                next.add(h);
            } else {
                if (h != null) gone.add(h);
                next.add(new Host(e, outliers.window()));
            }
        }
        gone.addAll(byId.values());
        hosts.set(List.copyOf(next));
        for (Host g : gone) {
            g.removed = true;
            for (EventExecutor loop : group) loop.execute(() -> {
                http1.purge(g);
                http2.purge(g);
            });
        }
    }

    /** Borrows an HTTP stream to {@code host} on {@code loop} (the caller's own loop). */
    public void acquireHttp(Host host, EventLoop loop, HttpUpstream.Acquired callback) {
        if (config.protocol().h2()) http2.acquire(host, loop, callback);
        else http1.acquire(host, loop, callback);
    }

    /**
     * Opens a connection registered on {@code loop} whose socket is created on the cluster's upstream scope, so it
     * lives in that scope's network namespace; everything after runs on {@code loop}.
     */
    public void connect(Host host, EventLoop loop, ChannelHandler handler, boolean halfClosure, Connected callback) {
        Bootstrap b = new Bootstrap().group(loop).channel(socketChannel())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, config.connectTimeout().toMillis()))
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.ALLOW_HALF_CLOSURE, halfClosure)
                .handler(handler);
        Runnable connect = () -> {
            try {
                b.connect(host.endpoint().address()).addListener(f -> {
                    if (f.isSuccess()) callback.connected(((io.netty.channel.ChannelFuture) f).channel(), null);
                    else callback.connected(null, f.cause());
                });
            } catch (Throwable t) {
                loop.execute(() -> callback.connected(null, t));
            }
        };
        try {
            config.upstreamScope().executor().execute(connect);
        } catch (RuntimeException e) {
            loop.execute(() -> callback.connected(null, e));
        }
    }

    static Class<? extends SocketChannel> socketChannel() {
        return EventLoops.nativeTransport() ? EpollSocketChannel.class : NioSocketChannel.class;
    }

    public ProxyStatus.ClusterStatus status() {
        long now = System.nanoTime();
        Instant wall = Instant.now();
        List<ProxyStatus.HostStatus> hs = new ArrayList<>();
        for (Host h : hosts.get()) {
            Instant until = h.ejectedAt(now) ? wall.plusNanos(h.ejectedUntilNanos() - now) : null;
            hs.add(new ProxyStatus.HostStatus(h.endpoint(), until, h.ejections(), h.activeRequests()));
        }
        return new ProxyStatus.ClusterStatus(config.name(), config.protocol(), List.copyOf(hs));
    }
}
