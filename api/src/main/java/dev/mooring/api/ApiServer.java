package dev.mooring.api;

import dev.mooring.core.net.EventLoops;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP front of the control plane. The pipeline only frames HTTP and keeps pipelined answers in order; each
 * request is handed whole to the {@link HttpHandler} on a virtual thread, so an operation waiting on the store never
 * holds an event loop. What the request means (protocol, region, errors) is the handler's and its decorators'.
 */
public final class ApiServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ApiServer.class);

    private final HttpHandler handler;
    private final int maxBody;
    private final EventLoopGroup group;
    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
    private final Channel channel;

    private ApiServer(Builder b) throws InterruptedException {
        this.handler = Objects.requireNonNull(b.handler, "handler");
        this.maxBody = b.maxBody;
        this.group = EventLoops.newGroup("mooring-api", 1);
        this.channel = new ServerBootstrap()
                .group(group)
                .channel(EventLoops.serverChannel())
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpServerKeepAliveHandler(),
                                new BoundedAggregator(), new InOrderResponses(), new RequestHandler());
                    }
                })
                .bind(b.bind, b.port).sync().channel();
    }

    public static Builder builder() {
        return new Builder();
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) channel.localAddress();
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
        workers.close();
    }

    public static final class Builder {
        private String bind = "127.0.0.1";
        private int port = 4566;
        private int maxBody = MooringApi.MAX_BODY;
        private HttpHandler handler;

        public Builder bind(String bind) {
            this.bind = bind;
            return this;
        }

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** The largest body read into memory; a larger one reaches the handler marked oversized, without it. */
        public Builder maxBody(int bytes) {
            this.maxBody = bytes;
            return this;
        }

        /** What answers every request, usually {@link MooringApi#of}. */
        public Builder handler(HttpHandler handler) {
            this.handler = handler;
            return this;
        }

        public ApiServer start() throws InterruptedException {
            return new ApiServer(this);
        }
    }

    /** Passes an oversized request on, bodiless, instead of Netty's bare 413, so its protocol can refuse it. */
    private final class BoundedAggregator extends HttpObjectAggregator {
        BoundedAggregator() {
            super(maxBody);
        }

        /**
         * Keeps the connection: the aggregator drops the rest of the body as it arrives, and closing now would reset
         * a client that is still sending before it reads the answer. Answered in turn like any request, so a
         * pipelined answer before it is not overtaken.
         */
        @Override
        protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
            HttpRequest head = (HttpRequest) oversized;
            ctx.fireChannelRead(new Oversized(ApiRequest.of(head.method().name(), head.uri(), head.headers().copy(),
                    new byte[0], true), HttpUtil.isKeepAlive(head)));
        }
    }

    /** A request whose body was over the limit. */
    private record Oversized(ApiRequest request, boolean keepAlive) {}

    private final class RequestHandler extends SimpleChannelInboundHandler<InOrderResponses.Numbered> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, InOrderResponses.Numbered numbered) {
            ApiRequest request;
            boolean keepAlive;
            if (numbered.request() instanceof Oversized oversized) {
                request = oversized.request();
                keepAlive = oversized.keepAlive();
            } else {
                FullHttpRequest full = (FullHttpRequest) numbered.request();
                try {
                    keepAlive = HttpUtil.isKeepAlive(full);
                    request = ApiRequest.of(full.method().name(), full.uri(), full.headers(),
                            ByteBufUtil.getBytes(full.content()), false);
                } finally {
                    full.release();
                }
            }
            workers.execute(() -> ctx.writeAndFlush(
                    new InOrderResponses.Answer(numbered.sequence(), toHttp(answer(request), keepAlive))));
        }

        /** The handler's answer; a handler that throws still answers, or the pipelined answers after it would wait. */
        private ApiResponse answer(ApiRequest request) {
            try {
                return handler.handle(request);
            } catch (RuntimeException | Error e) {
                log.error("{} {} failed outside any error mapping", request.method(), request.path(), e);
                return new ApiResponse(500, "application/json", java.util.Map.of(),
                        "{\"message\":\"Mooring hit an internal error; the server log has the details.\"}"
                                .getBytes(StandardCharsets.UTF_8));
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    private static FullHttpResponse toHttp(ApiResponse answer, boolean keepAlive) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(answer.status()), Unpooled.wrappedBuffer(answer.body()));
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, answer.contentType())
                .set(HttpHeaderNames.CONTENT_LENGTH, answer.body().length);
        answer.headers().forEach(response.headers()::set);
        HttpUtil.setKeepAlive(response, keepAlive);
        return response;
    }
}
