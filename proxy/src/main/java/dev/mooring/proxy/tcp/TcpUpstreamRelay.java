package dev.mooring.proxy.tcp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.DuplexChannel;

/** The upstream side of a TCP session: relays bytes to the client and passes the upstream's half-close on. */
final class TcpUpstreamRelay extends ChannelInboundHandlerAdapter {
    private final TcpProxyFilter session;
    private final Channel downstream;

    TcpUpstreamRelay(TcpProxyFilter session, Channel downstream) {
        this.session = session;
        this.downstream = downstream;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        session.bytesSent += ((ByteBuf) msg).readableBytes();
        downstream.write(msg, downstream.voidPromise());
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        downstream.flush();
        if (!downstream.isWritable()) ctx.channel().config().setAutoRead(false);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        session.upstreamWritabilityChanged(ctx.channel().isWritable());
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof ChannelInputShutdownEvent) {
            session.upstreamInputShut = true;
            if (session.downstreamInputShut) {          // both directions are done
                downstream.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(f -> session.closeBoth());
                return;
            }
            downstream.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener((ChannelFutureListener) f -> {
                if (f.channel() instanceof DuplexChannel d) d.shutdownOutput();
            });
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        downstream.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
