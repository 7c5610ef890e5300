package dev.mooring.proxy;

import dev.mooring.core.net.EventLoops;
import dev.mooring.proxy.listener.FilterChains;
import dev.mooring.proxy.listener.ListenerContext;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;

import java.net.BindException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Holds the event loops every proxy of this process shares (native epoll when available) and starts one
 * {@link Proxy} per task. A downstream connection and the upstream connections serving it run on one event loop.
 */
public final class DataPlane implements AutoCloseable {
    private final EventLoopGroup group;
    private final ProxyObserver observer;
    private final boolean ownsGroup;

    private DataPlane(EventLoopGroup group, ProxyObserver observer, boolean ownsGroup) {
        this.group = group;
        this.observer = Objects.requireNonNull(observer, "observer");
        this.ownsGroup = ownsGroup;
    }

    /** A data plane with one event loop per core. */
    public static DataPlane create(ProxyObserver observer) {
        return create(observer, Runtime.getRuntime().availableProcessors());
    }

    public static DataPlane create(ProxyObserver observer, int threads) {
        EventLoopGroup group = EventLoops.newGroup("mooring-proxy", threads);
        // A thread starts in the network namespace of the thread that spawned it, and Netty starts an event loop's
        // thread on its first task: left to a bind from a task's namespace thread, that loop would live in the task's
        // namespace and open "host" upstream connections from there (bypassing the target's ingress interception).
        // Start every loop now, from the caller's (host) namespace.
        for (var loop : group) loop.submit(() -> { }).syncUninterruptibly();
        return new DataPlane(group, observer, true);
    }

    /**
     * Binds every listener, each listener socket created on {@code listenerScope}'s executor so it lives in that
     * network namespace. Completes exceptionally with a clear message (e.g. "listener ingress-http: port 8080 is
     * already in use on 127.0.0.1 in the host network namespace") when one cannot bind, leaving nothing bound.
     */
    public CompletableFuture<Proxy> start(ProxyConfig config, NetworkScope listenerScope) {
        Proxy proxy = new Proxy(config, group, observer);
        List<CompletableFuture<Channel>> binds = new ArrayList<>();
        for (ListenerConfig l : config.listeners()) binds.add(bind(proxy.listenerContext(l.name()), listenerScope));
        CompletableFuture<Proxy> result = new CompletableFuture<>();
        CompletableFuture.allOf(binds.toArray(CompletableFuture[]::new)).whenComplete((ok, failure) -> {
            List<Channel> bound = new ArrayList<>();
            for (CompletableFuture<Channel> b : binds) if (!b.isCompletedExceptionally()) bound.add(b.join());
            if (failure == null) {
                proxy.listening(bound);
                result.complete(proxy);
                return;
            }
            List<CompletableFuture<?>> closes = new ArrayList<>();
            for (Channel ch : bound) {
                CompletableFuture<Void> c = new CompletableFuture<>();
                ch.close().addListener(f -> c.complete(null));
                closes.add(c);
            }
            proxy.close();
            Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            CompletableFuture.allOf(closes.toArray(CompletableFuture[]::new))
                    .whenComplete((x, y) -> result.completeExceptionally(cause));
        });
        return result;
    }

    private CompletableFuture<Channel> bind(ListenerContext listener, NetworkScope scope) {
        ListenerConfig l = listener.config;
        boolean tcp = l.protocol() == Protocol.TCP;
        ServerBootstrap b = new ServerBootstrap().group(group).channel(EventLoops.serverChannel())
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.AUTO_READ, !tcp)          // TCP reads once its upstream is connected
                .childOption(ChannelOption.ALLOW_HALF_CLOSURE, tcp)
                .childHandler(new FilterChains(listener));
        CompletableFuture<Channel> bound = new CompletableFuture<>();
        try {
            scope.executor().execute(() -> {
                try {
                    b.bind(l.address()).addListener(f -> {
                        if (f.isSuccess()) bound.complete(((io.netty.channel.ChannelFuture) f).channel());
                        else bound.completeExceptionally(bindFailure(l, scope, f.cause()));
                    });
                } catch (Throwable t) {
                    bound.completeExceptionally(bindFailure(l, scope, t));
                }
            });
        } catch (RuntimeException e) {
            bound.completeExceptionally(bindFailure(l, scope, e));
        }
        return bound;
    }

    private static ProxyException bindFailure(ListenerConfig l, NetworkScope scope, Throwable cause) {
        String text = String.valueOf(cause.getMessage());
        boolean inUse = cause instanceof BindException || text.contains("Address already in use");
        String where = l.address().getAddress().getHostAddress();
        String message = inUse
                ? "listener " + l.name() + ": port " + l.address().getPort() + " is already in use on " + where
                  + " in " + scope.description()
                : "listener " + l.name() + ": cannot bind " + where + ":" + l.address().getPort() + " in "
                  + scope.description() + ": " + text;
        return new ProxyException(message, cause);
    }

    @Override
    public void close() {
        if (ownsGroup) group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
