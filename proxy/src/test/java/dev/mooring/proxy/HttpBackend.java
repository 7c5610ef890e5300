package dev.mooring.proxy;

import dev.mooring.core.net.EventLoops;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/** A Netty HTTP/1.1 server for tests; each request is answered by a {@link Responder}. */
final class HttpBackend implements AutoCloseable {
    interface Responder {
        void respond(HttpBackend backend, ChannelHandlerContext ctx, FullHttpRequest request);
    }

    final String name;
    final AtomicInteger requests = new AtomicInteger();
    private final Channel channel;

    HttpBackend(EventLoopGroup group, String name, String ip, Responder responder) {
        this.name = name;
        this.channel = new ServerBootstrap().group(group).channel(EventLoops.serverChannel())
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(1 << 20),
                                new SimpleChannelInboundHandler<FullHttpRequest>() {
                                    @Override
                                    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
                                        requests.incrementAndGet();
                                        responder.respond(HttpBackend.this, ctx, req.retain());
                                    }
                                });
                    }
                }).bind(ip, 0).syncUninterruptibly().channel();
    }

    static HttpBackend ok(EventLoopGroup group, String name, String ip) {
        return new HttpBackend(group, name, ip, (b, ctx, req) -> {
            ctx.writeAndFlush(b.response(HttpResponseStatus.OK, b.name + " " + req.uri()));
            req.release();
        });
    }

    FullHttpResponse response(HttpResponseStatus status, String body) {
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
        r.headers().set("x-backend", name).setInt("content-length", r.content().readableBytes());
        return r;
    }

    Endpoint endpoint() {
        return Endpoint.of(name, address());
    }

    InetSocketAddress address() {
        return (InetSocketAddress) channel.localAddress();
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
    }
}
