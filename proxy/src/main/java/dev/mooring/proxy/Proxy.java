package dev.mooring.proxy;

import dev.mooring.proxy.listener.DrainEvent;
import dev.mooring.proxy.listener.ListenerContext;
import dev.mooring.proxy.listener.ProxyState;
import dev.mooring.proxy.upstream.Cluster;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** One task's proxy: its listeners and clusters. Made by {@link DataPlane#start}. */
public final class Proxy implements AutoCloseable {
    private final ProxyConfig config;
    private final EventLoopGroup group;
    private final ProxyState state;
    private final Map<String, Cluster> clusters = new LinkedHashMap<>();
    private final Map<String, ListenerContext> listeners = new LinkedHashMap<>();
    private volatile List<Channel> serverChannels = List.of();
    private volatile boolean closed;

    Proxy(ProxyConfig config, EventLoopGroup group, ProxyObserver observer) {
        this.config = config;
        this.group = group;
        this.state = new ProxyState(config.name());
        Map<String, Duration> idle = new LinkedHashMap<>();
        for (ListenerConfig l : config.listeners())
            for (Route r : l.routes())
                for (String c : r.action().clusters())
                    idle.merge(c, l.timeouts().idle(), (a, b) -> a.compareTo(b) >= 0 ? a : b);
        for (ClusterConfig c : config.clusters())
            clusters.put(c.name(), new Cluster(c, group, idle.getOrDefault(c.name(), Duration.ofSeconds(300))));
        for (ListenerConfig l : config.listeners())
            listeners.put(l.name(), new ListenerContext(state, l, clusters, observer));
    }

    ListenerContext listenerContext(String name) {
        return listeners.get(name);
    }

    void listening(List<Channel> channels) {
        serverChannels = List.copyOf(channels);
    }

    public String name() {
        return config.name();
    }

    public ProxyConfig config() {
        return config;
    }

    /** Replaces a cluster's hosts at once; requests in flight keep the host they have. */
    public void updateHostSet(HostSet hostSet) {
        Cluster c = clusters.get(hostSet.cluster());
        if (c == null) throw new IllegalArgumentException("proxy " + config.name() + " has no cluster " + hostSet.cluster());
        c.update(hostSet);
    }

    /** The address a listener is bound to (its configured port may have been 0). */
    public InetSocketAddress boundAddress(String listener) {
        int i = 0;
        for (ListenerConfig l : config.listeners()) {
            if (l.name().equals(listener)) {
                List<Channel> chs = serverChannels;
                return i < chs.size() ? (InetSocketAddress) chs.get(i).localAddress() : null;
            }
            i++;
        }
        throw new IllegalArgumentException("proxy " + config.name() + " has no listener " + listener);
    }

    /**
     * Stops accepting, lets exchanges in flight finish (idle HTTP/1.1 connections close now, busy ones after their
     * response, which carries {@code connection: close}; HTTP/2 connections get GOAWAY; TCP sessions run until they
     * end), then closes whatever is left at the deadline. Completes when every connection is gone.
     */
    public CompletableFuture<Void> drain(Duration timeout) {
        state.draining = true;
        CompletableFuture<Void> done = new CompletableFuture<>();
        List<CompletableFuture<Void>> unbound = new ArrayList<>();
        for (Channel ch : serverChannels) {
            CompletableFuture<Void> c = new CompletableFuture<>();
            ch.close().addListener(f -> c.complete(null));
            unbound.add(c);
        }
        CompletableFuture.allOf(unbound.toArray(CompletableFuture[]::new)).whenComplete((x, y) -> {
            for (Channel ch : state.connections) ch.pipeline().fireUserEventTriggered(DrainEvent.INSTANCE);
            long deadline = System.nanoTime() + timeout.toNanos();
            poll(done, deadline);
        });
        return done.whenComplete((x, y) -> close());
    }

    private void poll(CompletableFuture<Void> done, long deadline) {
        if (state.connections.isEmpty()) {
            done.complete(null);
            return;
        }
        if (System.nanoTime() - deadline >= 0) {
            closeConnections();
            done.complete(null);
            return;
        }
        group.next().schedule(() -> poll(done, deadline), 20, TimeUnit.MILLISECONDS);
    }

    private void closeConnections() {
        // from the pipeline's head, so an HTTP/2 codec does not wait for its streams again
        for (Channel ch : state.connections) ch.pipeline().firstContext().close();
    }

    public ProxyStatus status() {
        List<ProxyStatus.ListenerStatus> ls = new ArrayList<>();
        int i = 0;
        List<Channel> chs = serverChannels;
        for (ListenerConfig l : config.listeners()) {
            Channel ch = i < chs.size() ? chs.get(i) : null;
            boolean bound = ch != null && ch.isActive();
            ls.add(new ProxyStatus.ListenerStatus(l.name(), l.direction(), l.protocol(),
                    bound ? (InetSocketAddress) ch.localAddress() : l.address(), bound));
            i++;
        }
        List<ProxyStatus.ClusterStatus> cs = new ArrayList<>();
        for (Cluster c : clusters.values()) cs.add(c.status());
        return new ProxyStatus(config.name(), state.draining, List.copyOf(ls), List.copyOf(cs),
                state.connections.size(), state.inFlight.sum());
    }

    /** Closes listeners and every connection now. */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        state.draining = true;
        boolean onEventLoop = Thread.currentThread() instanceof io.netty.util.concurrent.FastThreadLocalThread;
        for (Channel ch : serverChannels) {
            var closing = ch.close();
            if (!onEventLoop) closing.syncUninterruptibly();    // never block an event loop (drain ends on one)
        }
        closeConnections();
    }
}
