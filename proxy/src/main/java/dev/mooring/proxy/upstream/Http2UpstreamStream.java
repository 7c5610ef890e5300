package dev.mooring.proxy.upstream;

import dev.mooring.proxy.RetryOn;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2ResetFrame;
import io.netty.util.ReferenceCountUtil;

/** One request's HTTP/2 stream on a shared upstream connection, seen as HTTP objects through Netty's stream codec. */
final class Http2UpstreamStream extends ChannelInboundHandlerAdapter implements HttpUpstream {
    private final Host host;
    private Channel stream;
    private UpstreamCallbacks callbacks;
    private boolean ended;

    Http2UpstreamStream(Host host) {
        this.host = host;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        stream = ctx.channel();
    }

    @Override
    public Host host() {
        return host;
    }

    @Override
    public boolean h2() {
        return true;
    }

    @Override
    public void bind(UpstreamCallbacks callbacks) {
        this.callbacks = callbacks;
    }

    @Override
    public void write(Object msg) {
        stream.write(msg, stream.voidPromise());
    }

    @Override
    public void flush() {
        stream.flush();
    }

    @Override
    public boolean isWritable() {
        return stream.isWritable();
    }

    @Override
    public void setAutoRead(boolean autoRead) {
        stream.config().setAutoRead(autoRead);
    }

    @Override
    public void done(boolean reusable) {
        callbacks = null;
        stream.close();      // a no-op on a stream both sides ended; otherwise RST_STREAM(CANCEL)
    }

    @Override
    public void abort() {
        callbacks = null;
        stream.close();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        UpstreamCallbacks cb = callbacks;
        if (cb == null) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof LastHttpContent) ended = true;
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
        if (evt instanceof Http2ResetFrame reset) {
            UpstreamCallbacks cb = callbacks;
            callbacks = null;
            if (cb != null && !ended)
                cb.onReset(reset.errorCode() == Http2Error.REFUSED_STREAM.code()
                        ? RetryOn.REFUSED_STREAM : RetryOn.RESET_BEFORE_RESPONSE);
        }
        ReferenceCountUtil.release(evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        UpstreamCallbacks cb = callbacks;
        callbacks = null;
        if (cb != null && !ended) cb.onReset(RetryOn.RESET_BEFORE_RESPONSE);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
