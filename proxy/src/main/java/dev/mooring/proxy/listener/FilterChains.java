package dev.mooring.proxy.listener;

import dev.mooring.proxy.http.HttpRouterFilter;
import dev.mooring.proxy.http.HttpVersionFilter;
import dev.mooring.proxy.tcp.TcpProxyFilter;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;


/**
 * Builds the filter chain of each accepted connection from the listener's protocol:
 * <ul>
 * <li>TCP: tracker, idle timeout, TCP proxy;</li>
 * <li>HTTP: tracker, idle timeout, HTTP/1.1 codec, version filter (no HTTP/1.0), router;</li>
 * <li>HTTP2/GRPC: tracker, idle timeout, connection filter, HTTP/2 frame codec (prior knowledge), stream multiplexer;
 * each stream: frame-to-HTTP-object codec, router — the same router as HTTP/1.1.</li>
 * </ul>
 */
public final class FilterChains extends ChannelInitializer<Channel> {
    private final ListenerContext listener;
    private final ConnectionTracker tracker;

    public FilterChains(ListenerContext listener) {
        this.listener = listener;
        this.tracker = new ConnectionTracker(listener);
    }

    @Override
    protected void initChannel(Channel ch) {
        ChannelPipeline p = ch.pipeline();
        p.addLast(tracker);
        if (listener.idleTimeoutNanos > 0)
            p.addLast(new IdleTimeoutHandler(listener.idleTimeoutNanos));
        switch (listener.config.protocol()) {
            case TCP -> p.addLast(new TcpProxyFilter(listener));
            case HTTP -> p.addLast(new HttpServerCodec(), new HttpVersionFilter(listener), new HttpRouterFilter(listener, false));
            case HTTP2, GRPC -> p.addLast(new Http2ConnectionFilter(),
                    Http2FrameCodecBuilder.forServer().gracefulShutdownTimeoutMillis(-1).build(),
                    new Http2MultiplexHandler(new ChannelInitializer<Http2StreamChannel>() {
                        @Override
                        protected void initChannel(Http2StreamChannel stream) {
                            stream.pipeline().addLast(new Http2StreamFrameToHttpObjectCodec(true),
                                    new HttpRouterFilter(listener, true));
                        }
                    }));
        }
    }
}
