package dev.mooring.proxy.listener;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.netty.handler.timeout.IdleStateEvent;

/**
 * Connection-level policy of a downstream HTTP/2 connection: close when idle with no stream open, and on drain close
 * gracefully (the frame codec sends GOAWAY and lets open streams finish).
 */
final class Http2ConnectionFilter extends ChannelInboundHandlerAdapter {
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof DrainEvent) {
            ctx.channel().close();
            return;
        }
        if (evt instanceof IdleStateEvent) {
            Http2FrameCodec codec = ctx.pipeline().get(Http2FrameCodec.class);
            if (codec == null || codec.connection().numActiveStreams() == 0) ctx.channel().close();
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }
}
