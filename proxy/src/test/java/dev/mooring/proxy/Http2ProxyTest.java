package dev.mooring.proxy;

import dev.mooring.core.net.EventLoops;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.DefaultHttp2ResetFrame;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamChannelBootstrap;
import io.netty.util.ReferenceCountUtil;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class Http2ProxyTest extends ProxyTestBase {
    record Answer(String status, String body, String grpcStatus) {}

    enum Mode { ECHO, REFUSE }

    /** An h2c backend: echoes each stream's body with grpc-status in trailers; /fail answers trailers-only 14. */
    private Endpoint h2Backend(String name, Mode mode, AtomicInteger streams, AtomicInteger connections) {
        Channel ch = new ServerBootstrap().group(backendGroup).channel(EventLoops.serverChannel())
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel c) {
                        connections.incrementAndGet();
                        c.pipeline().addLast(Http2FrameCodecBuilder.forServer().build(),
                                new Http2MultiplexHandler(new ChannelInitializer<Http2StreamChannel>() {
                                    @Override
                                    protected void initChannel(Http2StreamChannel s) {
                                        s.pipeline().addLast(new StreamEcho(name, mode, streams));
                                    }
                                }));
                    }
                }).bind(backendIp, 0).syncUninterruptibly().channel();
        closeables.add(() -> ch.close().syncUninterruptibly());
        return Endpoint.of(name, (InetSocketAddress) ch.localAddress());
    }

    private static final class StreamEcho extends ChannelInboundHandlerAdapter {
        private final String name;
        private final Mode mode;
        private final AtomicInteger streams;
        private final ByteBuf body = Unpooled.buffer();
        private String path;

        StreamEcho(String name, Mode mode, AtomicInteger streams) {
            this.name = name;
            this.mode = mode;
            this.streams = streams;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            boolean end = false;
            if (msg instanceof Http2HeadersFrame h) {
                streams.incrementAndGet();
                if (mode == Mode.REFUSE) {
                    ctx.writeAndFlush(new DefaultHttp2ResetFrame(Http2Error.REFUSED_STREAM));
                    return;
                }
                path = h.headers().path().toString();
                end = h.isEndStream();
            } else if (msg instanceof Http2DataFrame d) {
                body.writeBytes(d.content());
                end = d.isEndStream();
            }
            ReferenceCountUtil.release(msg);
            if (!end || mode == Mode.REFUSE) return;
            if (path.equals("/fail")) {
                ctx.writeAndFlush(new DefaultHttp2HeadersFrame(new DefaultHttp2Headers().status("200")
                        .set("content-type", "application/grpc").set("grpc-status", "14"), true));
                return;
            }
            ctx.write(new DefaultHttp2HeadersFrame(new DefaultHttp2Headers().status("200")
                    .set("content-type", "application/grpc").set("x-backend", name)));
            ctx.write(new DefaultHttp2DataFrame(body.retain()));
            ctx.writeAndFlush(new DefaultHttp2HeadersFrame(new DefaultHttp2Headers().set("grpc-status", "0"), true));
        }
    }

    /** An h2c client connection (prior knowledge) to the proxy. */
    private Channel h2Client(Proxy proxy) {
        Channel ch = new Bootstrap().group(backendGroup)
                .channel(EventLoops.nativeTransport() ? EpollSocketChannel.class : NioSocketChannel.class)
                .handler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel c) {
                        c.pipeline().addLast(Http2FrameCodecBuilder.forClient().build(),
                                new Http2MultiplexHandler(new ChannelInboundHandlerAdapter()));
                    }
                }).connect(proxy.boundAddress("ingress")).syncUninterruptibly().channel();
        closeables.add(() -> ch.close().syncUninterruptibly());
        return ch;
    }

    private CompletableFuture<Answer> call(Channel connection, String path, String payload) {
        CompletableFuture<Answer> answer = new CompletableFuture<>();
        Http2StreamChannel stream = new Http2StreamChannelBootstrap(connection).handler(new ChannelInboundHandlerAdapter() {
            String status;
            String grpcStatus;
            final StringBuilder body = new StringBuilder();

            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                boolean end = false;
                if (msg instanceof Http2HeadersFrame h) {
                    Http2Headers hs = h.headers();
                    if (hs.status() != null) status = hs.status().toString();
                    if (hs.get("grpc-status") != null) grpcStatus = hs.get("grpc-status").toString();
                    end = h.isEndStream();
                } else if (msg instanceof Http2DataFrame d) {
                    body.append(d.content().toString(StandardCharsets.UTF_8));
                    end = d.isEndStream();
                }
                ReferenceCountUtil.release(msg);
                if (end) answer.complete(new Answer(status, body.toString(), grpcStatus));
            }

            @Override
            public void channelInactive(ChannelHandlerContext ctx) {
                answer.completeExceptionally(new IllegalStateException("stream closed before its end"));
            }
        }).open().syncUninterruptibly().getNow();
        stream.write(new DefaultHttp2HeadersFrame(new DefaultHttp2Headers().method("POST").path(path).scheme("http")
                .authority("backend.local").set("content-type", "application/grpc").set("te", "trailers")));
        stream.writeAndFlush(new DefaultHttp2DataFrame(Unpooled.copiedBuffer(payload, StandardCharsets.UTF_8), true));
        return answer;
    }

    @Test
    void grpcStreamsAreMultiplexedBothSidesWithStatusFromTrailers() throws Exception {
        AtomicInteger streams = new AtomicInteger(), connections = new AtomicInteger();
        Proxy proxy = start(Protocol.GRPC, List.of(h2Backend("g1", Mode.ECHO, streams, connections)));
        Channel client = h2Client(proxy);
        List<CompletableFuture<Answer>> answers = new ArrayList<>();
        for (int i = 0; i < 20; i++) answers.add(call(client, "/echo.Echo/Say", "hello-" + i));
        for (int i = 0; i < 20; i++) {
            Answer a = answers.get(i).get(10, TimeUnit.SECONDS);
            assertThat(a).isEqualTo(new Answer("200", "hello-" + i, "0"));
        }
        Answer failed = call(client, "/fail", "x").get(10, TimeUnit.SECONDS);
        assertThat(failed.grpcStatus()).isEqualTo("14");
        assertThat(streams).hasValue(21);
        assertThat(connections).hasValue(1);     // one upstream h2c connection carried every stream
        assertThat(observer.opened).hasValue(1);
        await().untilAsserted(() -> assertThat(observer.exchanges()).hasSize(21));
        assertThat(observer.exchanges()).filteredOn(x -> x.grpcStatus() == 0).hasSize(20)
                .allSatisfy(x -> {
                    assertThat(x.protocol()).isEqualTo(Protocol.GRPC);
                    assertThat(x.status()).isEqualTo(200);
                    assertThat(x.path()).isEqualTo("/echo.Echo/Say");
                });
        assertThat(observer.exchanges()).filteredOn(x -> x.grpcStatus() == 14).hasSize(1);
    }

    @Test
    void aRefusedStreamIsRetriedOnAnotherHost() throws Exception {
        AtomicInteger refused = new AtomicInteger(), served = new AtomicInteger(), conns = new AtomicInteger();
        Proxy proxy = start(Protocol.HTTP2, List.of(h2Backend("refuser", Mode.REFUSE, refused, conns),
                h2Backend("good", Mode.ECHO, served, conns)));
        Channel client = h2Client(proxy);
        for (int i = 0; i < 6; i++)
            assertThat(call(client, "/x", "p" + i).get(10, TimeUnit.SECONDS).body()).isEqualTo("p" + i);
        assertThat(served).hasValue(6);
        assertThat(refused.get()).isPositive();
    }

    @Test
    void drainSendsGoAwayAndClosesTheConnectionOnceItsStreamsEnd() throws Exception {
        AtomicInteger streams = new AtomicInteger(), connections = new AtomicInteger();
        Proxy proxy = start(Protocol.GRPC, List.of(h2Backend("g1", Mode.ECHO, streams, connections)));
        Channel client = h2Client(proxy);
        assertThat(call(client, "/echo.Echo/Say", "before").get(10, TimeUnit.SECONDS).body()).isEqualTo("before");
        proxy.drain(java.time.Duration.ofSeconds(10)).get(10, TimeUnit.SECONDS);
        await().until(() -> !client.isActive());
        assertThat(proxy.status().activeConnections()).isZero();
    }

    @Test
    void noHostAnswersGrpcUnavailable() throws Exception {
        Proxy proxy = start(Protocol.GRPC, List.of());
        Answer a = call(h2Client(proxy), "/echo.Echo/Say", "x").get(10, TimeUnit.SECONDS);
        assertThat(a.status()).isEqualTo("200");
        assertThat(a.grpcStatus()).isEqualTo("14");
    }
}
