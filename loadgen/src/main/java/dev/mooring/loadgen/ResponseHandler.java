package dev.mooring.loadgen;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;

/** Hands the decoded response parts, errors and the close of a worker's connection to the worker. */
final class ResponseHandler extends SimpleChannelInboundHandler<HttpObject> {
    private final Worker worker;

    ResponseHandler(Worker worker) {
        this.worker = worker;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) {
        if (msg instanceof HttpResponse r) {
            worker.onResponse(ctx.channel(), r);
        }
        if (msg instanceof HttpContent c) {
            worker.onContent(ctx.channel(), c);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        worker.onError(ctx.channel(), cause);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        worker.onClosed(ctx.channel());
        ctx.fireChannelInactive();
    }
}
