package dev.mooring.proxy.upstream;

import dev.mooring.proxy.RetryOn;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;

/** The last handler of a pooled HTTP/1.1 upstream connection: hands responses to the router that holds it. */
final class Http1Upstream extends ChannelInboundHandlerAdapter implements HttpUpstream {
    private final Http1Pool pool;
    private final Host host;
    private Channel channel;
    private UpstreamCallbacks callbacks;
    private boolean keepAlive = true;

    Http1Upstream(Http1Pool pool, Host host) {
        this.pool = pool;
        this.host = host;
    }

    Channel channel() {
        return channel;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        channel = ctx.channel();
    }

    @Override
    public Host host() {
        return host;
    }

    @Override
    public boolean h2() {
        return false;
    }

    @Override
    public void bind(UpstreamCallbacks callbacks) {
        this.callbacks = callbacks;
        keepAlive = true;
    }

    @Override
    public void write(Object msg) {
        channel.write(msg, channel.voidPromise());
    }

    @Override
    public void flush() {
        channel.flush();
    }

    @Override
    public boolean isWritable() {
        return channel.isWritable();
    }

    @Override
    public void setAutoRead(boolean autoRead) {
        channel.config().setAutoRead(autoRead);
    }

    @Override
    public void done(boolean reusable) {
        callbacks = null;
        if (reusable && keepAlive && channel.isActive()) {
            if (!channel.config().isAutoRead()) channel.config().setAutoRead(true);
            pool.release(this);
        } else {
            channel.close();
        }
    }

    @Override
    public void abort() {
        callbacks = null;
        channel.close();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        UpstreamCallbacks cb = callbacks;
        if (cb == null) {                 // nobody asked: an idle connection must not talk
            ReferenceCountUtil.release(msg);
            ctx.close();
            return;
        }
        if (msg instanceof HttpResponse response) keepAlive = HttpUtil.isKeepAlive(response);
        cb.onResponse((HttpObject) msg);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        UpstreamCallbacks cb = callbacks;
        if (cb != null) cb.onResponseBatchEnd();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        UpstreamCallbacks cb = callbacks;
        if (cb != null) cb.onUpstreamWritabilityChanged(ctx.channel().isWritable());
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent && callbacks == null) ctx.close();
        else ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        UpstreamCallbacks cb = callbacks;
        callbacks = null;
        if (cb != null) cb.onReset(RetryOn.RESET_BEFORE_RESPONSE);
        else pool.remove(this);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
