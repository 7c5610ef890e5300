package dev.mooring.proxy.http;

import dev.mooring.proxy.Exchange;
import dev.mooring.proxy.accesslog.AccessLogEntry;
import dev.mooring.proxy.accesslog.AccessLogger;
import dev.mooring.proxy.listener.ListenerContext;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Refuses what the router must not see on an HTTP/1.1 listener: HTTP/1.0 requests (Service Connect does not support
 * HTTP/1.0, spec §4.6) get 505 and undecodable requests 400, then the connection closes.
 */
public final class HttpVersionFilter extends ChannelInboundHandlerAdapter {
    private final ListenerContext listener;
    private boolean refused;

    public HttpVersionFilter(ListenerContext listener) {
        this.listener = listener;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (refused) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof HttpObject o && o.decoderResult().isFailure()) {
            refuse(ctx, msg instanceof HttpRequest r ? r : null, HttpResponseStatus.BAD_REQUEST, "bad request");
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof HttpRequest r && r.protocolVersion() != HttpVersion.HTTP_1_1) {
            refuse(ctx, r, HttpResponseStatus.HTTP_VERSION_NOT_SUPPORTED, "HTTP/1.1 or HTTP/2 required");
            ReferenceCountUtil.release(msg);
            return;
        }
        ctx.fireChannelRead(msg);
    }

    private void refuse(ChannelHandlerContext ctx, HttpRequest request, HttpResponseStatus status, String text) {
        refused = true;
        long start = System.nanoTime();
        ByteBuf body = ctx.alloc().buffer(text.length()).writeBytes(text.getBytes(StandardCharsets.US_ASCII));
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, body);
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.TEXT_PLAIN)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, text.length())
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        String uri = request == null ? null : request.uri();
        Exchange x = new Exchange(listener.config.protocol(), listener.config.cluster(), null,
                request == null ? null : request.method().name(), AccessLogger.stripQuery(uri), status.code(), null,
                0, text.length(), System.nanoTime() - start, 0, 0, Instant.now());
        listener.report(x, listener.accessLog == null ? null : new AccessLogEntry(x,
                request == null ? null : request.protocolVersion().text(), uri,
                request == null ? null : request.headers().get("x-forwarded-for"),
                request == null ? null : request.headers().get(HttpHeaderNames.USER_AGENT),
                request == null ? null : request.headers().get("x-request-id"),
                request == null ? null : request.headers().get(HttpHeaderNames.HOST), null));
    }
}
