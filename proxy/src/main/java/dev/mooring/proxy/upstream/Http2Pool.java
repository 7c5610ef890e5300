package dev.mooring.proxy.upstream;

import dev.mooring.proxy.RetryOn;
import dev.mooring.proxy.listener.IdleTimeoutHandler;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2GoAwayFrame;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamChannelBootstrap;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.FastThreadLocal;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One h2c (prior knowledge) connection per host per event loop, shared by all of that loop's requests as streams.
 * A connection that went away (closed, GOAWAY) is replaced by the next request.
 */
final class Http2Pool {
    private final Cluster cluster;
    private final FastThreadLocal<IdentityHashMap<Host, Connection>> connections = new FastThreadLocal<>() {
        @Override
        protected IdentityHashMap<Host, Connection> initialValue() {
            return new IdentityHashMap<>();
        }
    };

    private static final class Connection extends ChannelInboundHandlerAdapter {
        Channel parent;              // null while connecting
        boolean goingAway;
        List<HttpUpstream.Acquired> waiting = new ArrayList<>(2);

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof Http2GoAwayFrame) goingAway = true;
            ReferenceCountUtil.release(msg);
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof IdleStateEvent) {
                Channel p = ctx.channel();
                Http2MultiplexHandler mux = p.pipeline().get(Http2MultiplexHandler.class);
                if (mux != null && activeStreams(p) == 0) p.close();
            }
            ReferenceCountUtil.release(evt);
        }

        private static int activeStreams(Channel p) {
            var codec = p.pipeline().get(io.netty.handler.codec.http2.Http2FrameCodec.class);
            return codec == null ? 0 : codec.connection().numActiveStreams();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    Http2Pool(Cluster cluster) {
        this.cluster = cluster;
    }

    void acquire(Host host, EventLoop loop, HttpUpstream.Acquired callback) {
        IdentityHashMap<Host, Connection> map = connections.get();
        Connection c = map.get(host);
        if (c != null && c.parent != null && (c.goingAway || !c.parent.isActive())) {
            map.remove(host);
            c = null;
        }
        if (c == null) {
            Connection created = new Connection();
            map.put(host, created);
            long idleMillis = cluster.upstreamIdleMillis();
            cluster.connect(host, loop, new ChannelInitializer<Channel>() {
                @Override
                protected void initChannel(Channel ch) {
                    if (idleMillis > 0) ch.pipeline().addLast(new IdleTimeoutHandler(TimeUnit.MILLISECONDS.toNanos(idleMillis)));
                    ch.pipeline().addLast(Http2FrameCodecBuilder.forClient().build(),
                            new Http2MultiplexHandler(new ChannelInboundHandlerAdapter()), created);
                }
            }, false, (ch, cause) -> {
                List<HttpUpstream.Acquired> waiters = created.waiting;
                created.waiting = null;
                if (cause != null) {
                    connections.get().remove(host, created);
                    for (HttpUpstream.Acquired w : waiters) w.acquired(null, cause, RetryOn.CONNECT_FAILURE);
                    return;
                }
                created.parent = ch;
                ch.closeFuture().addListener(f -> connections.get().remove(host, created));
                for (HttpUpstream.Acquired w : waiters) open(created, host, w);
            });
            c = created;
        }
        if (c.parent == null) c.waiting.add(callback);
        else open(c, host, callback);
    }

    private void open(Connection c, Host host, HttpUpstream.Acquired callback) {
        Http2UpstreamStream stream = new Http2UpstreamStream(host);
        new Http2StreamChannelBootstrap(c.parent).handler(new ChannelInitializer<Http2StreamChannel>() {
            @Override
            protected void initChannel(Http2StreamChannel ch) {
                ch.pipeline().addLast(new Http2StreamFrameToHttpObjectCodec(false), stream);
            }
        }).open().addListener(f -> {
            if (f.isSuccess()) callback.acquired(stream, null, null);
            else {
                c.goingAway = true;   // the connection cannot take more streams; the next request opens another
                callback.acquired(null, f.cause(), RetryOn.REFUSED_STREAM);
            }
        });
    }

    void purge(Host host) {
        Connection c = connections.get().remove(host);
        if (c != null && c.parent != null) c.parent.close();
    }
}
