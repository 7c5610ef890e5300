package dev.mooring.proxy.listener;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/** First in every downstream pipeline: tells the observer about the connection and enrols it for draining. */
@ChannelHandler.Sharable
final class ConnectionTracker extends ChannelInboundHandlerAdapter {
    private final ListenerContext listener;

    ConnectionTracker(ListenerContext listener) {
        this.listener = listener;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        listener.observer.connectionOpened(listener.proxy.name, listener.config);
        listener.proxy.connections.add(ctx.channel());
        if (listener.proxy.draining) {       // accepted just before the listener closed
            ctx.close();
            return;
        }
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        listener.observer.connectionClosed(listener.proxy.name, listener.config);
        ctx.fireChannelInactive();
    }
}
