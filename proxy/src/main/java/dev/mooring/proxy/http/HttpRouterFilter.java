package dev.mooring.proxy.http;

import dev.mooring.proxy.Direction;
import dev.mooring.proxy.Exchange;
import dev.mooring.proxy.Protocol;
import dev.mooring.proxy.ProxyIdentity;
import dev.mooring.proxy.RetryOn;
import dev.mooring.proxy.RetryPolicy;
import dev.mooring.proxy.Route;
import dev.mooring.proxy.RouteAction;
import dev.mooring.proxy.accesslog.AccessLogEntry;
import dev.mooring.proxy.accesslog.AccessLogger;
import dev.mooring.proxy.listener.DrainEvent;
import dev.mooring.proxy.listener.ListenerContext;
import dev.mooring.proxy.upstream.Cluster;
import dev.mooring.proxy.upstream.Host;
import dev.mooring.proxy.upstream.HttpUpstream;
import dev.mooring.proxy.upstream.UpstreamCallbacks;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http2.HttpConversionUtil;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.AsciiString;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Envoy's router filter for one downstream HTTP/1.1 connection or one HTTP/2 stream: one exchange at a time.
 * <p>
 * The request is streamed upstream as it arrives and its body kept (up to {@link #RETRY_BUFFER_LIMIT}) so it can be
 * replayed: a connect failure, a reset before the response, a refused stream or a 503 is retried on another host, up
 * to the cluster's retry policy, but never once a response byte went to the client (spec §4.4). The per-request
 * timeout starts when the request has fully arrived, as Envoy's route timeout does, and covers all retries: 504, or a
 * reset when the response had started. The idle timeout closes the connection even mid-request. No host: 503. Ingress responses get {@code x-envoy-upstream-service-time}.
 * Hop-by-hop headers are not forwarded; an HTTP/1.1 response carries {@code connection: close} when the client asked
 * for it or the proxy drains.
 */
public final class HttpRouterFilter extends ChannelInboundHandlerAdapter implements UpstreamCallbacks {
    /** Request bytes kept for replay; a larger body is streamed and not retried (Envoy buffers up to 1 MiB). */
    public static final int RETRY_BUFFER_LIMIT = 64 * 1024;
    public static final AsciiString UPSTREAM_SERVICE_TIME = AsciiString.cached("x-envoy-upstream-service-time");
    private static final AsciiString STREAM_ID = HttpConversionUtil.ExtensionHeaderNames.STREAM_ID.text();
    private static final AsciiString PROXY_CONNECTION = AsciiString.cached("proxy-connection");
    private static final AsciiString GRPC_STATUS = AsciiString.cached("grpc-status");
    private static final AsciiString GRPC_MESSAGE = AsciiString.cached("grpc-message");
    private static final AsciiString APPLICATION_GRPC = AsciiString.cached("application/grpc");

    private final ListenerContext listener;
    private final boolean h2;
    private final boolean ingress;
    private final ProxyIdentity identity;
    private final boolean grpc;
    private final Runnable onTimeout = this::timedOut;
    private ChannelHandlerContext ctx;

    // the exchange in progress
    private boolean active;
    /** The cluster the matched route forwards to; null when the route answers locally ({@link #local}). */
    private Cluster cluster;
    private RetryPolicy retry = RetryPolicy.NONE;
    /** The matched route's local answer (fixed response, redirect), sent once the request has arrived. */
    private RouteAction local;
    private HttpRequest request;
    private final ArrayList<HttpContent> body = new ArrayList<>(2);
    private int buffered;
    private boolean replayable;
    private boolean requestComplete;
    private final ArrayList<Host> tried = new ArrayList<>(3);
    private Host host;
    private boolean hostCounted;
    private HttpUpstream upstream;
    private int attemptId;
    private int attempts;
    /** Whether the last failed connect ran out of the cluster's connect timeout (an ALB then answers 504). */
    private boolean connectTimedOut;
    /** Whether this exchange holds one of its cluster's retry slots (see {@link RetryPolicy#budget}). */
    private boolean retrying;
    private long startNanos;
    private long startMillis;
    private long upstreamStartNanos;
    private long upstreamNanos;
    private boolean responseStarted;
    private boolean discardingResponse;
    private boolean interim;
    private boolean flushDownstream;
    private boolean flushUpstream;
    private int status;
    private Integer grpcStatus;
    private long bytesIn;
    private long bytesOut;
    /** One timer per connection, re-armed lazily: no timer task is created or cancelled per request. */
    private ScheduledFuture<?> timer;
    private long deadline;           // System.nanoTime() at which the exchange times out; 0: none
    private boolean closeAfter;
    private String method;
    private String uri;
    private String forwardedFor;
    private String userAgent;
    private String requestId;
    private String authority;
    private Long serviceTimeMillis;
    private ArrayDeque<Object> pipelined;

    public HttpRouterFilter(ListenerContext listener, boolean h2) {
        this.listener = listener;
        this.h2 = h2;
        this.ingress = listener.config.direction() == Direction.INGRESS;
        this.identity = listener.config.identity();
        this.grpc = listener.config.protocol() == Protocol.GRPC;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    // ---- downstream events

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (pipelined != null && !pipelined.isEmpty()) queue(msg);
        else dispatch(msg);
    }

    private void dispatch(Object msg) {
        if (msg instanceof HttpRequest req) {
            if (active) {                         // HTTP/1.1 pipelining: one at a time
                queue(msg);
                return;
            }
            if (msg instanceof FullHttpRequest full) {   // HTTP/2 stream with a body-less or one-frame request
                start(new DefaultHttpRequest(full.protocolVersion(), full.method(), full.uri(), full.headers()));
                LastHttpContent content = new DefaultLastHttpContent(full.content(), full.trailingHeaders());
                if (active) requestContent(content);   // buffered
                else content.release();
            } else {
                start(req);
            }
            if (!active) return;                  // answered already (a local route, or no route)
            if (local == null) attempt();
        } else if (msg instanceof HttpContent c && active && !requestComplete) {
            requestContent(c);
        } else {
            ReferenceCountUtil.release(msg);      // the rest of a request already answered
        }
    }

    private void queue(Object msg) {
        if (pipelined == null) pipelined = new ArrayDeque<>(4);
        pipelined.add(msg);
        ctx.channel().config().setAutoRead(false);
    }

    private void processPipelined() {
        if (pipelined == null) return;
        Object m;
        while ((m = pipelined.peek()) != null) {
            if (m instanceof HttpRequest && active) return;
            pipelined.poll();
            dispatch(m);
        }
        if (!closeAfter && !ctx.channel().config().isAutoRead()) {
            ctx.channel().config().setAutoRead(true);
            ctx.read();
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (flushUpstream && upstream != null) upstream.flush();
        flushUpstream = false;
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (upstream != null) upstream.setAutoRead(ctx.channel().isWritable());
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof DrainEvent) {
            if (!active) ctx.close();
            else closeAfter = true;
        } else if (evt instanceof IdleStateEvent) {
            // no byte either way for the idle timeout: the connection closes, even with a request waiting, so an
            // idle timeout shorter than the per-request timeout wins (spec §4.4)
            if (active) {
                attemptId++;
                if (upstream != null) {
                    upstream.abort();
                    upstream = null;
                }
                endAttempt();
                abortDownstream();
            } else {
                ctx.close();
            }
        } else {
            ctx.fireUserEventTriggered(evt);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (active) {
            attemptId++;
            if (upstream != null) {
                upstream.abort();
                upstream = null;
            }
            endAttempt();
            finish();
        }
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
        if (pipelined != null) {
            pipelined.forEach(ReferenceCountUtil::release);
            pipelined.clear();
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }

    // ---- the request

    private void start(HttpRequest req) {
        active = true;
        request = req;
        requestComplete = false;
        replayable = true;
        buffered = 0;
        tried.clear();
        host = null;
        upstream = null;
        attempts = 0;
        connectTimedOut = false;
        responseStarted = false;
        discardingResponse = false;
        interim = false;
        status = 0;
        grpcStatus = null;
        bytesIn = 0;
        bytesOut = 0;
        upstreamNanos = 0;
        serviceTimeMillis = null;
        retrying = false;
        startNanos = System.nanoTime();
        startMillis = System.currentTimeMillis();
        method = req.method().name();
        uri = req.uri();
        listener.proxy.inFlight.increment();
        HttpHeaders h = req.headers();
        if (!h2) {
            closeAfter = closeAfter || !HttpUtil.isKeepAlive(req) || listener.proxy.draining;
            h.remove(HttpHeaderNames.CONNECTION);
            h.remove(HttpHeaderNames.KEEP_ALIVE);
            h.remove(PROXY_CONNECTION);
            h.remove(HttpHeaderNames.UPGRADE);
        } else {
            h.remove(STREAM_ID);
        }
        RequestHeaderStamp.apply(identity.requestHeaders(), h, h2 ? ctx.channel().parent() : ctx.channel());
        if (listener.accessLog != null) {
            forwardedFor = h.get("x-forwarded-for");
            userAgent = h.get(HttpHeaderNames.USER_AGENT);
            requestId = h.get("x-request-id");
            authority = h.get(HttpHeaderNames.HOST);
        }
        route(req);
    }

    /** Picks the exchange's route: a cluster to forward to, or a local answer. */
    private void route(HttpRequest req) {
        cluster = null;
        local = null;
        retry = RetryPolicy.NONE;
        Route r = listener.route(req.headers().get(HttpHeaderNames.HOST), path(req.uri()), req.method().name());
        if (r == null) {
            localReply(HttpResponseStatus.NOT_FOUND, "no route matched the request");
        } else if (r.action() instanceof RouteAction.Forward f) {
            forward(f.cluster());
        } else if (r.action() instanceof RouteAction.WeightedForward w) {
            forward(w.pick());
        } else {
            local = r.action();
        }
    }

    private void forward(String clusterName) {
        cluster = listener.clusters.get(clusterName);
        retry = cluster.config().retry();
        cluster.requestStarted();
    }

    /** The path of a request target, origin-form or absolute-form, without its query. */
    private static String path(String uri) {
        int start = 0;
        int scheme = uri.indexOf("://");
        if (scheme >= 0 && scheme < uri.indexOf('/')) {
            start = uri.indexOf('/', scheme + 3);
            if (start < 0) return "/";
        }
        int q = uri.indexOf('?', start);
        return q < 0 ? uri.substring(start) : uri.substring(start, q);
    }

    /** Answers a request whose route is local, once all of it has arrived. */
    private void answerLocally() {
        switch (local) {
            case RouteAction.DirectResponse d -> localReply(HttpResponseStatus.valueOf(d.status()), d.contentType(),
                    d.body(), null);
            case RouteAction.Redirect r -> {
                String uri = request.uri();
                int q = uri.indexOf('?');
                String host = request.headers().get(HttpHeaderNames.HOST, "");
                int colon = host.lastIndexOf(':');
                String port = colon > host.indexOf(']') && colon >= 0 ? host.substring(colon + 1)
                        : String.valueOf(((java.net.InetSocketAddress) ctx.channel().localAddress()).getPort());
                String name = colon > host.indexOf(']') && colon >= 0 ? host.substring(0, colon) : host;
                localReply(HttpResponseStatus.valueOf(r.status()), null, "",
                        r.location("http", name, port, path(uri), q < 0 ? "" : uri.substring(q + 1)));
            }
            case RouteAction.Forward f -> throw new IllegalStateException("a forward is not answered locally");
            case RouteAction.WeightedForward w -> throw new IllegalStateException("a forward is not answered locally");
        }
    }

    private void requestContent(HttpContent c) {
        int n = c.content().readableBytes();
        bytesIn += n;
        boolean last = c instanceof LastHttpContent;
        if (local != null) {            // answered by the proxy: the body has nowhere to go
            c.release();
            if (last) {
                requestComplete = true;
                answerLocally();
            }
            return;
        }
        if (replayable) {
            buffered += n;
            if (buffered > RETRY_BUFFER_LIMIT) {
                replayable = false;
                if (upstream != null) releaseBody();    // those parts are sent; no replay any more
            }
        }
        if (upstream != null) {
            if (replayable) {
                body.add(c);
                upstream.write(c.retainedDuplicate());
            } else {
                upstream.write(c);
            }
            flushUpstream = true;
        } else {
            body.add(c);
            if (!replayable) ctx.channel().config().setAutoRead(false);   // bounded until connected
        }
        if (last) {
            requestComplete = true;
            if (upstream != null) {
                upstream.flush();
                flushUpstream = false;
            }
            if (active && listener.perRequestTimeoutNanos > 0) {
                deadline = System.nanoTime() + listener.perRequestTimeoutNanos;
                if (deadline == 0) deadline = 1;
                if (timer == null) timer = ctx.executor().schedule(onTimeout, listener.perRequestTimeoutNanos, TimeUnit.NANOSECONDS);
            }
        }
    }

    private void attempt() {
        Host h = cluster.choose(tried);
        if (h == null) {
            localReply(HttpResponseStatus.SERVICE_UNAVAILABLE, "no healthy upstream");
            return;
        }
        host = h;
        tried.add(h);
        attempts++;
        h.requestStarted();
        hostCounted = true;
        int id = ++attemptId;
        cluster.acquireHttp(h, ctx.channel().eventLoop(), (u, failure, reason) -> acquired(id, u, failure, reason));
    }

    private void acquired(int id, HttpUpstream u, Throwable failure, RetryOn reason) {
        if (id != attemptId || !active) {             // the exchange moved on (timeout, client gone)
            if (u != null) u.done(true);
            return;
        }
        if (failure != null) {
            endAttempt();
            cluster.failure(host);
            connectTimedOut = failure instanceof ConnectTimeoutException;
            retryOrFail(reason);
            return;
        }
        upstream = u;
        u.bind(this);
        upstreamStartNanos = System.nanoTime();
        u.write(request);
        if (replayable) {
            for (HttpContent c : body) u.write(c.retainedDuplicate());
        } else {
            for (HttpContent c : body) u.write(c);
            body.clear();
            ctx.channel().config().setAutoRead(true);
        }
        u.flush();
        if (!ctx.channel().isWritable()) u.setAutoRead(false);
    }

    private void endAttempt() {
        if (hostCounted) {
            host.requestEnded();
            hostCounted = false;
        }
    }

    private boolean canRetry(RetryOn reason) {
        return !responseStarted && replayable && attempts <= retry.maxRetries() && retry.retryOn().contains(reason);
    }

    private void retryOrFail(RetryOn reason) {
        if (canRetry(reason) && (retrying || (retrying = cluster.tryStartRetrying()))) attempt();
        else if (!responseStarted) localReply(
                HttpResponseStatus.valueOf(connectTimedOut && reason == RetryOn.CONNECT_FAILURE
                        ? cluster.config().connectTimeoutStatus() : cluster.config().upstreamFailureStatus()),
                "upstream connect error or disconnect/reset before headers. reset reason: " + switch (reason) {
                    case CONNECT_FAILURE -> connectTimedOut ? "connection timeout" : "connection failure";
                    case REFUSED_STREAM -> "remote refused stream reset";
                    case RESET_BEFORE_RESPONSE, HTTP_503 -> "connection termination";
                });
        else abortDownstream();
    }

    // ---- the response

    @Override
    public void onResponse(HttpObject msg) {
        if (!active) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof HttpResponse r) {
            int code = r.status().code();
            if (code >= 500) cluster.failure(host);
            if (code == 503 && canRetry(RetryOn.HTTP_503)) {    // swallow it, then try another host
                discardingResponse = true;
                if (msg instanceof LastHttpContent) {
                    ReferenceCountUtil.release(msg);
                    retryAfterDiscard();
                }
                return;
            }
            HttpHeaders h = r.headers();
            if (upstream.h2()) h.remove(STREAM_ID);
            if (code < 200) {                           // 100 Continue and friends: pass on, wait for the real one
                interim = !(msg instanceof LastHttpContent) || !h2;
                responseStarted = true;
                ctx.write(msg, ctx.voidPromise());
                flushDownstream = true;
                return;
            }
            upstreamNanos = System.nanoTime() - upstreamStartNanos;
            status = code;
            if (!h2) {
                h.remove(HttpHeaderNames.KEEP_ALIVE);
                if (closeAfter || listener.proxy.draining || !requestComplete) {
                    closeAfter = true;
                    h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
                } else {
                    h.remove(HttpHeaderNames.CONNECTION);
                }
                if (!(msg instanceof LastHttpContent) && !HttpUtil.isContentLengthSet(r)
                        && !HttpUtil.isTransferEncodingChunked(r) && bodyAllowed(code))
                    HttpUtil.setTransferEncodingChunked(r, true);   // close-delimited upstream body
            }
            if (ingress && identity.upstreamServiceTime())
                h.setInt(UPSTREAM_SERVICE_TIME, (int) (upstreamNanos / 1_000_000));
            if (identity.overwriteServer()) h.set(HttpHeaderNames.SERVER, identity.server());
            if (listener.accessLog != null) {
                String st = h.get(UPSTREAM_SERVICE_TIME);
                serviceTimeMillis = st == null ? null : parseLong(st);
            }
            if (grpc) grpcStatus(h);
            responseStarted = true;
            if (msg instanceof HttpContent c) bytesOut += c.content().readableBytes();
            if (msg instanceof LastHttpContent last) {
                if (grpc) grpcStatus(last.trailingHeaders());
                complete(msg);
            } else {
                ctx.write(msg, ctx.voidPromise());
                flushDownstream = true;
            }
            return;
        }
        HttpContent c = (HttpContent) msg;
        boolean last = c instanceof LastHttpContent;
        if (discardingResponse) {
            c.release();
            if (last) retryAfterDiscard();
            return;
        }
        if (interim) {
            if (last) interim = false;
            ctx.write(c, ctx.voidPromise());
            return;
        }
        bytesOut += c.content().readableBytes();
        if (last) {
            if (grpc) grpcStatus(((LastHttpContent) c).trailingHeaders());
            complete(c);
        } else {
            ctx.write(c, ctx.voidPromise());
            flushDownstream = true;
        }
    }

    private boolean bodyAllowed(int code) {
        return code != 204 && code != 304 && !HttpMethod.HEAD.name().equals(method);
    }

    private void grpcStatus(HttpHeaders h) {
        String s = h.get(GRPC_STATUS);
        if (s != null) {
            Long v = parseLong(s);
            if (v != null) grpcStatus = v.intValue();
        }
    }

    private static Long parseLong(String s) {
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private void retryAfterDiscard() {
        discardingResponse = false;
        HttpUpstream u = upstream;
        upstream = null;
        u.done(requestComplete);
        endAttempt();
        retryOrFail(RetryOn.HTTP_503);
    }

    @Override
    public void onResponseBatchEnd() {
        if (flushDownstream) {
            flushDownstream = false;
            ctx.flush();
        }
    }

    @Override
    public void onReset(RetryOn reason) {
        if (!active) return;
        upstream = null;
        endAttempt();
        cluster.failure(host);
        if (discardingResponse) {
            discardingResponse = false;
            reason = RetryOn.HTTP_503;
        }
        retryOrFail(reason);
    }

    @Override
    public void onUpstreamWritabilityChanged(boolean writable) {
        ctx.channel().config().setAutoRead(writable);
    }

    private void complete(Object last) {
        cancelTimeout();
        endAttempt();
        HttpUpstream u = upstream;
        upstream = null;
        u.done(requestComplete);
        flushDownstream = false;
        if (!requestComplete || (!h2 && closeAfter)) {
            closeAfter = true;
            ctx.writeAndFlush(last).addListener(ChannelFutureListener.CLOSE);
        } else {
            ctx.writeAndFlush(last, ctx.voidPromise());
        }
        finish();
        if (!closeAfter) processPipelined();
    }

    // ---- local replies and the end

    private void localReply(HttpResponseStatus code, String text) {
        localReply(code, null, text, null);
    }

    /** The proxy's own answer; {@code contentType} null is text/plain, {@code location} null is no redirect. */
    private void localReply(HttpResponseStatus code, String contentType, String text, String location) {
        responseStarted = true;
        FullHttpResponse r;
        if (grpc) {         // gRPC clients read the status from grpc-status, as Envoy's local replies give it
            status = 200;
            grpcStatus = code.code() == 504 ? 4 : 14;    // DEADLINE_EXCEEDED : UNAVAILABLE
            r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK, ctx.alloc().buffer(0));
            r.headers().set(HttpHeaderNames.CONTENT_TYPE, APPLICATION_GRPC)
                    .setInt(GRPC_STATUS, grpcStatus).set(GRPC_MESSAGE, text);
        } else {
            status = code.code();
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            ByteBuf b = ctx.alloc().buffer(bytes.length).writeBytes(bytes);
            r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, code, b);
            r.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType == null ? HttpHeaderValues.TEXT_PLAIN : contentType)
                    .setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
            if (location != null) r.headers().set(HttpHeaderNames.LOCATION, location);
            bytesOut += bytes.length;
        }
        if (identity.server() != null) r.headers().set(HttpHeaderNames.SERVER, identity.server());
        if (!h2 && (closeAfter || !requestComplete || listener.proxy.draining)) {
            closeAfter = true;
            r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        ChannelFuture f = ctx.writeAndFlush(r);
        if (closeAfter || (h2 && !requestComplete)) {
            closeAfter = true;
            f.addListener(ChannelFutureListener.CLOSE);
        }
        finish();
        if (!closeAfter) processPipelined();
    }

    private void abortDownstream() {
        closeAfter = true;
        ctx.flush();
        ctx.close();
        finish();
    }

    private void timedOut() {
        timer = null;
        if (!active || deadline == 0) return;
        long left = deadline - System.nanoTime();
        if (left > 0) {                       // an earlier exchange armed this timer; this one has time left
            timer = ctx.executor().schedule(onTimeout, left, TimeUnit.NANOSECONDS);
            return;
        }
        deadline = 0;
        attemptId++;
        if (host != null && hostCounted) cluster.failure(host);
        if (upstream != null) {
            upstream.abort();
            upstream = null;
        }
        endAttempt();
        discardingResponse = false;
        if (!responseStarted) localReply(HttpResponseStatus.GATEWAY_TIMEOUT, "upstream request timeout");
        else abortDownstream();
    }

    private void cancelTimeout() {
        deadline = 0;      // the timer, if any, finds nothing to do when it fires
    }

    private void releaseBody() {
        for (HttpContent c : body) c.release();
        body.clear();
    }

    private void finish() {
        active = false;
        if (cluster != null) cluster.requestEnded(retrying);
        cancelTimeout();
        releaseBody();
        request = null;
        listener.proxy.inFlight.decrement();
        Exchange x = new Exchange(listener.config.protocol(), cluster == null ? listener.config.cluster()
                : cluster.config().name(),
                host == null ? null : host.endpoint(), method, AccessLogger.stripQuery(uri), status, grpcStatus,
                bytesIn, bytesOut, System.nanoTime() - startNanos, upstreamNanos, attempts,
                Instant.ofEpochMilli(startMillis));
        listener.report(x, listener.accessLog == null ? null : new AccessLogEntry(x, h2 ? "HTTP/2" : "HTTP/1.1", uri,
                forwardedFor, userAgent, requestId, authority, serviceTimeMillis));
    }
}
