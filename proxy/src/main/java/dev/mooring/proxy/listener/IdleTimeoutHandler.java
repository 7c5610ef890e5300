package dev.mooring.proxy.listener;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.concurrent.Ticker;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Fires {@link IdleStateEvent#ALL_IDLE_STATE_EVENT} when a connection has neither read nor written for the idle
 * timeout, and again after each further idle period, as Netty's {@code IdleStateHandler} does for "all idle". Unlike
 * that handler it counts a write when it is made, not when it completes, so it passes the caller's promise on as it is:
 * no promise and no listener per write (with Netty's handler those were about a sixth of the proxy's allocation in a
 * profile at 1000 requests a second). A write still draining to a slow reader counts through
 * {@code channelWritabilityChanged}.
 */
public final class IdleTimeoutHandler extends ChannelDuplexHandler {
    private final long idleNanos;
    /** The event loop's clock, the one its timers run on. */
    private Ticker ticker = Ticker.systemTicker();
    private long lastActivity;
    private ScheduledFuture<?> check;

    public IdleTimeoutHandler(long idleNanos) {
        if (idleNanos <= 0) throw new IllegalArgumentException("idle timeout must be positive: " + idleNanos);
        this.idleNanos = idleNanos;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        ticker = ctx.executor().ticker();
        if (ctx.channel().isActive() && ctx.channel().isRegistered()) start(ctx);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        start(ctx);
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        stop();
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        stop();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        lastActivity = ticker.nanoTime();
        ctx.fireChannelRead(msg);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        lastActivity = ticker.nanoTime();
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        lastActivity = ticker.nanoTime();
        ctx.write(msg, promise);
    }

    private void start(ChannelHandlerContext ctx) {
        if (check != null) return;
        lastActivity = ticker.nanoTime();
        schedule(ctx, idleNanos);
    }

    private void stop() {
        if (check != null) {
            check.cancel(false);
            check = null;
        }
    }

    private void schedule(ChannelHandlerContext ctx, long delayNanos) {
        check = ctx.executor().schedule(() -> expire(ctx), delayNanos, TimeUnit.NANOSECONDS);
    }

    // One timer per connection, moved on lazily: activity only stamps a time, the timer finds out when it fires.
    private void expire(ChannelHandlerContext ctx) {
        if (check == null || !ctx.channel().isOpen()) return;
        long idleFor = ticker.nanoTime() - lastActivity;
        if (idleFor >= idleNanos) {
            schedule(ctx, idleNanos);
            ctx.fireUserEventTriggered(IdleStateEvent.ALL_IDLE_STATE_EVENT);
        } else {
            schedule(ctx, idleNanos - idleFor);
        }
    }
}
