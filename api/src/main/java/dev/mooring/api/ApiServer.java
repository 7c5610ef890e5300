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
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The HTTP front of the control plane. The pipeline only frames HTTP; each request is handed to a virtual thread so
 * that an operation waiting on the store never holds an event loop.
 */
public final class ApiServer implements AutoCloseable {
    /** Requests above this are refused before they are read whole (AWS's JSON services use the same order). */
    public static final int MAX_BODY = 1024 * 1024;

    private final ApiRouter router;
    private final Map<String, Supplier<ApiResponse>> admin;
    private final EventLoopGroup group;
    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
    private final Channel channel;

    private ApiServer(Builder b) throws InterruptedException {
        this.router = Objects.requireNonNull(b.router, "router");
        this.admin = Map.copyOf(b.admin);
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
        private ApiRouter router;
        private final Map<String, Supplier<ApiResponse>> admin = new LinkedHashMap<>();

        public Builder bind(String bind) {
            this.bind = bind;
            return this;
        }

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder router(ApiRouter router) {
            this.router = router;
            return this;
        }

        /** An endpoint beside the AWS API, under {@code /_mooring/}; the key is "METHOD /path". */
        public Builder admin(String methodAndPath, Supplier<ApiResponse> handler) {
            admin.put(methodAndPath, handler);
            return this;
        }

        public ApiServer start() throws InterruptedException {
            return new ApiServer(this);
        }
    }

    /** Answers an oversized body with an AWS error instead of Netty's bare 413. */
    private static final class BoundedAggregator extends HttpObjectAggregator {
        BoundedAggregator() {
            super(MAX_BODY);
        }

        /**
         * Answers at once but keeps the connection: the aggregator drops the rest of the body as it arrives, and
         * closing now would reset a client that is still sending before it reads the answer.
         */
        @Override
        protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
            // answered in turn like any request, so a pipelined answer before it is not overtaken
            ctx.fireChannelRead(new Oversized(HttpUtil.isKeepAlive(oversized)));
        }
    }

    /** A request whose body was over {@link #MAX_BODY}: dropped as it arrived, answered with an error. */
    private record Oversized(boolean keepAlive) {}

    private final class RequestHandler extends SimpleChannelInboundHandler<InOrderResponses.Numbered> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, InOrderResponses.Numbered numbered) {
            long sequence = numbered.sequence();
            if (numbered.request() instanceof Oversized oversized) {
                ApiResponse answer = ApiRouter.protocolError(413, "RequestEntityTooLargeException",
                        "Request body is larger than " + MAX_BODY + " bytes.");
                ctx.writeAndFlush(new InOrderResponses.Answer(sequence,
                        toHttp(answer, UUID.randomUUID().toString(), oversized.keepAlive())));
                return;
            }
            FullHttpRequest request = (FullHttpRequest) numbered.request();
            boolean keepAlive = HttpUtil.isKeepAlive(request);
            String path = new QueryStringDecoder(request.uri()).path();
            String target = request.headers().get("X-Amz-Target");
            String contentType = request.headers().get(HttpHeaderNames.CONTENT_TYPE);
            String authorization = request.headers().get(HttpHeaderNames.AUTHORIZATION);
            HttpMethod method = request.method();
            byte[] body = ByteBufUtil.getBytes(request.content());
            request.release();
            String requestId = UUID.randomUUID().toString();
            workers.execute(() -> {
                ApiResponse answer = answer(requestId, method, path, target, contentType, authorization, body);
                ctx.writeAndFlush(new InOrderResponses.Answer(sequence, toHttp(answer, requestId, keepAlive)));
            });
        }

        private ApiResponse answer(String requestId, HttpMethod method, String path, String target, String contentType,
                                   String authorization, byte[] body) {
            if (path.startsWith("/_mooring/")) {
                Supplier<ApiResponse> handler = admin.get(method.name() + " " + path);
                return handler != null ? handler.get()
                        : ApiRouter.protocolError(404, "NotFound", "No admin endpoint " + method + " " + path + ".");
            }
            if (!method.equals(HttpMethod.POST) || !path.equals("/")) {
                return ApiRouter.protocolError(404, "UnknownOperationException",
                        "AWS JSON APIs are served at POST /; got " + method + " " + path + ".");
            }
            return router.dispatch(requestId, target, contentType, authorization, body);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    private static FullHttpResponse toHttp(ApiResponse answer, String requestId, boolean keepAlive) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(answer.status()), Unpooled.wrappedBuffer(answer.body()));
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, answer.contentType())
                .set(HttpHeaderNames.CONTENT_LENGTH, answer.body().length)
                .set("x-amzn-RequestId", requestId);
        if (answer.errorType() != null) {
            response.headers().set("x-amzn-ErrorType", answer.errorType());
        }
        HttpUtil.setKeepAlive(response, keepAlive);
        return response;
    }
}
