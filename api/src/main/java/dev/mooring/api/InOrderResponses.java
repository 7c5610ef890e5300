package dev.mooring.api;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;

/**
 * HTTP/1.1 pipelining (RFC 9112 §9.3.2): a client may send requests without waiting for answers, and must get the
 * answers in the order it sent the requests. Requests run concurrently on virtual threads and finish in any order,
 * so this handler numbers each request as it passes and holds a finished answer until every earlier one is written.
 * Runs on the channel's event loop only, so it needs no locking.
 */
final class InOrderResponses extends ChannelDuplexHandler {
    /** A request with its place in the connection's sequence. */
    record Numbered(long sequence, Object request) {}

    /** The answer to request {@code sequence}, written by whoever finished it. */
    record Answer(long sequence, HttpResponse response) {}

    private record Held(HttpResponse response, ChannelPromise promise) {}

    private long received;
    private long nextToWrite;
    private final Map<Long, Held> held = new HashMap<>();

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ctx.fireChannelRead(new Numbered(received++, msg));
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (!(msg instanceof Answer answer)) {
            ctx.write(msg, promise);
            return;
        }
        held.put(answer.sequence(), new Held(answer.response(), promise));
        boolean wrote = false;
        for (Held next; (next = held.remove(nextToWrite)) != null; nextToWrite++) {
            ctx.write(next.response(), next.promise());
            wrote = true;
        }
        if (wrote) {
            ctx.flush();
        }
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        held.values().forEach(h -> {
            io.netty.util.ReferenceCountUtil.release(h.response());
            h.promise().tryFailure(new java.nio.channels.ClosedChannelException());
        });
        held.clear();
    }
}
