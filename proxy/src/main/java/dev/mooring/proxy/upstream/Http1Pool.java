package dev.mooring.proxy.upstream;

import dev.mooring.proxy.RetryOn;
import dev.mooring.proxy.listener.IdleTimeoutHandler;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.util.concurrent.FastThreadLocal;

import java.util.ArrayDeque;
import java.util.IdentityHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Keep-alive HTTP/1.1 connections per host per event loop: a request borrows one of its own loop's connections, so
 * both sides of an exchange share one thread and the pool needs no lock. Most recently used first.
 */
final class Http1Pool {
    private final Cluster cluster;
    private final FastThreadLocal<IdentityHashMap<Host, ArrayDeque<Http1Upstream>>> idle = new FastThreadLocal<>() {
        @Override
        protected IdentityHashMap<Host, ArrayDeque<Http1Upstream>> initialValue() {
            return new IdentityHashMap<>();
        }
    };

    Http1Pool(Cluster cluster) {
        this.cluster = cluster;
    }

    private ArrayDeque<Http1Upstream> idle(Host host) {
        return idle.get().computeIfAbsent(host, h -> new ArrayDeque<>());
    }

    void acquire(Host host, EventLoop loop, HttpUpstream.Acquired callback) {
        ArrayDeque<Http1Upstream> free = idle(host);
        Http1Upstream u;
        while ((u = free.pollLast()) != null) {
            if (u.channel().isActive()) {
                callback.acquired(u, null, null);
                return;
            }
        }
        Http1Upstream upstream = new Http1Upstream(this, host);
        long idleMillis = cluster.upstreamIdleMillis();
        cluster.connect(host, loop, new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                ch.pipeline().addLast(new HttpClientCodec());
                if (idleMillis > 0) ch.pipeline().addLast(new IdleTimeoutHandler(TimeUnit.MILLISECONDS.toNanos(idleMillis)));
                ch.pipeline().addLast(upstream);
            }
        }, false, (ch, cause) -> {
            if (cause == null) callback.acquired(upstream, null, null);
            else callback.acquired(null, cause, RetryOn.CONNECT_FAILURE);
        });
    }

    void release(Http1Upstream upstream) {
        if (upstream.host().removed) upstream.channel().close();
        else idle(upstream.host()).addLast(upstream);
    }

    void remove(Http1Upstream upstream) {
        ArrayDeque<Http1Upstream> free = idle.get().get(upstream.host());
        if (free != null) free.remove(upstream);
    }

    /** Runs on each event loop when a host leaves the set: its idle connections go. */
    void purge(Host host) {
        ArrayDeque<Http1Upstream> free = idle.get().remove(host);
        if (free != null) for (Http1Upstream u : free) u.channel().close();
    }
}
