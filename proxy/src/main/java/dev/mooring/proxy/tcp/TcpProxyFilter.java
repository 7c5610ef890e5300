package dev.mooring.proxy.tcp;

import dev.mooring.proxy.Exchange;
import dev.mooring.proxy.RetryOn;
import dev.mooring.proxy.accesslog.AccessLogEntry;
import dev.mooring.proxy.listener.ListenerContext;
import dev.mooring.proxy.upstream.Host;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The downstream side of one TCP session. The listener accepts with auto-read off; this filter connects upstream
 * (retrying connect failures on other hosts), then relays bytes, pausing reads on one side while the other cannot
 * take more (backpressure), and passes half-closes through. With no host, or none reachable, it closes (spec §4.4).
 * The session is one {@link Exchange} with status 0.
 */
public final class TcpProxyFilter extends ChannelInboundHandlerAdapter {
    private final ListenerContext listener;
    private final List<Host> tried = new ArrayList<>(3);
    private final List<Object> pending = new ArrayList<>(1);
    private ChannelHandlerContext ctx;
    private Channel upstream;
    private Host host;
    private int attempts;
    private long startNanos;
    private long startMillis;
    private long connectNanos;
    long bytesReceived;
    long bytesSent;
    boolean downstreamInputShut;
    boolean upstreamInputShut;
    private boolean closed;
    private boolean reported;

    public TcpProxyFilter(ListenerContext listener) {
        this.listener = listener;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        ctx.channel().config().setOption(ChannelOption.ALLOW_HALF_CLOSURE, true);
        startNanos = System.nanoTime();
        startMillis = System.currentTimeMillis();
        listener.proxy.inFlight.increment();
        attempt();
    }

    private void attempt() {
        Host h = listener.cluster.choose(tried);
        if (h == null) {                         // no host: close (spec §4.4)
            ctx.close();
            return;
        }
        host = h;
        tried.add(h);
        attempts++;
        long connectStart = System.nanoTime();
        TcpUpstreamRelay relay = new TcpUpstreamRelay(this, ctx.channel());
        listener.cluster.connect(h, ctx.channel().eventLoop(), relay, true, (ch, failure) -> {
            if (failure != null) {
                listener.cluster.failure(h);
                if (closed) return;
                if (attempts <= listener.cluster.config().retry().maxRetries()
                        && listener.cluster.config().retry().retryOn().contains(RetryOn.CONNECT_FAILURE)) attempt();
                else ctx.close();
                return;
            }
            if (closed) {
                ch.close();
                return;
            }
            h.requestStarted();
            connectNanos = System.nanoTime() - connectStart;
            upstream = ch;
            for (Object m : pending) ch.write(m, ch.voidPromise());
            pending.clear();
            ch.flush();
            if (downstreamInputShut) shutdownUpstreamOutput();
            else ctx.channel().config().setAutoRead(true);
        });
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        bytesReceived += ((ByteBuf) msg).readableBytes();
        if (upstream == null) {             // epoll reads a peer's half-close with its data even with auto-read off
            pending.add(msg);
            return;
        }
        upstream.write(msg, upstream.voidPromise());
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (upstream == null) return;
        upstream.flush();
        if (!upstream.isWritable()) ctx.channel().config().setAutoRead(false);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (upstream != null) upstream.config().setAutoRead(ctx.channel().isWritable());
        ctx.fireChannelWritabilityChanged();
    }

    /** Called by the relay when the upstream can take bytes again (or cannot). */
    void upstreamWritabilityChanged(boolean writable) {
        if (upstream != null && !downstreamInputShut) ctx.channel().config().setAutoRead(writable);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof ChannelInputShutdownEvent) {
            downstreamInputShut = true;
            if (upstream != null) shutdownUpstreamOutput();     // else once connected
            return;
        }
        if (evt instanceof IdleStateEvent) {
            ctx.close();
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    private void shutdownUpstreamOutput() {
        if (upstreamInputShut) upstream.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(f -> closeBoth());
        else upstream.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener((ChannelFutureListener) f -> {
            if (f.channel() instanceof DuplexChannel d) d.shutdownOutput();
        });
    }

    void closeBoth() {
        if (upstream != null) upstream.close();
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        closed = true;
        pending.forEach(ReferenceCountUtil::release);
        pending.clear();
        if (upstream != null) upstream.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        report();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }

    private void report() {
        if (reported) return;
        reported = true;
        listener.proxy.inFlight.decrement();
        if (upstream != null) host.requestEnded();
        Exchange x = new Exchange(listener.config.protocol(), listener.cluster.config().name(),
                host == null ? null : host.endpoint(), null, null, 0, null, bytesReceived, bytesSent,
                System.nanoTime() - startNanos, upstream == null ? 0 : connectNanos, attempts,
                Instant.ofEpochMilli(startMillis));
        listener.report(x, listener.accessLog == null ? null
                : new AccessLogEntry(x, null, null, null, null, null, null, null));
    }
}
