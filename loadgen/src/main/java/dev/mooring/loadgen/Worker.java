package dev.mooring.loadgen;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One worker: one request at a time on one keep-alive connection, reconnecting when the connection is gone. Every
 * method runs on the worker's event loop. Each request has a sequence number so that late events of an earlier one
 * (a timed-out request's response, a dead connection's close) are ignored.
 */
final class Worker {
    private final EventLoop loop;
    private final Bootstrap bootstrap;
    private final TrafficPlan plan;
    private final FullHttpRequest template;
    private final LoadGenerator.Control control;
    private final Collector collector;
    private final long periodNanos;
    private final long timeoutNanos;
    private final CountDownLatch done;

    private long nextIntended;
    private boolean finished;
    private Channel channel;
    private long seq;
    private boolean inFlight;
    private long intended;
    private int status;
    private boolean responseKeepAlive;
    private long bodyBytes;
    private ScheduledFuture<?> timeout;
    /** The connection already carried a whole exchange (a server may have closed it meanwhile). */
    private boolean channelUsed;
    private boolean sentOnUsedChannel;
    private boolean gotResponse;
    private boolean retried;

    Worker(EventLoop loop, Bootstrap bootstrap, TrafficPlan plan, FullHttpRequest template,
            LoadGenerator.Control control, Collector collector, long periodNanos, CountDownLatch done) {
        this.loop = loop;
        this.bootstrap = bootstrap.clone(loop).handler(LoadGenerator.pipeline(this));
        this.plan = plan;
        this.template = template;
        this.control = control;
        this.collector = collector;
        this.periodNanos = periodNanos;
        this.timeoutNanos = plan.timeout().toNanos();
        this.done = done;
    }

    /** Opens the worker's connection ahead of the clock; completes either way (a failure shows on first use). */
    Future<Void> preconnect() {
        Promise<Void> ready = loop.newPromise();
        loop.execute(() -> {
            ChannelFuture connect = bootstrap.connect(plan.address());
            channel = connect.channel();
            connect.addListener(f -> {
                if (!f.isSuccess() && channel == connect.channel()) {
                    channel = null;
                }
                ready.setSuccess(null);
            });
        });
        return ready;
    }

    void start(long firstSendNanos) {
        nextIntended = firstSendNanos;
        loop.execute(this::next);
    }

    private void next() {
        long now = System.nanoTime();
        // at a constant rate each request has its slot, whether or not the previous answer came back in time
        long at = periodNanos > 0 ? nextIntended : now;
        if (!control.allow(at)) {
            finish();
            return;
        }
        nextIntended += periodNanos;
        if (at - now > 0) {
            loop.schedule(() -> fire(at, false), at - now, TimeUnit.NANOSECONDS);
        } else {
            fire(at, false);
        }
    }

    private void fire(long at, boolean retry) {
        if (control.stopped()) {
            finish();
            return;
        }
        long id = ++seq;
        inFlight = true;
        intended = at;
        status = 0;
        bodyBytes = 0;
        responseKeepAlive = true;
        gotResponse = false;
        retried = retry;
        timeout = loop.schedule(() -> fail(id, ErrorKind.TIMEOUT), timeoutNanos, TimeUnit.NANOSECONDS);
        if (channel != null && channel.isActive()) {
            sentOnUsedChannel = channelUsed;
            send(id);
            return;
        }
        sentOnUsedChannel = false;
        ChannelFuture connect = bootstrap.connect(plan.address());
        Channel ch = connect.channel();
        channel = ch;
        channelUsed = false;
        connect.addListener(f -> {
            if (id != seq || ch != channel) {
                ch.close();
            } else if (f.isSuccess()) {
                send(id);
            } else {
                fail(id, ErrorKind.of(f.cause()));
            }
        });
    }

    private void send(long id) {
        channel.writeAndFlush(template.duplicate()).addListener(f -> {
            if (!f.isSuccess()) {
                fail(id, ErrorKind.of(f.cause()));
            }
        });
    }

    void onResponse(Channel ch, HttpResponse response) {
        if (ch != channel || !inFlight) {
            return;
        }
        if (response.decoderResult().isFailure()) {
            fail(seq, ErrorKind.INVALID_RESPONSE);
            return;
        }
        gotResponse = true;
        status = response.status().code();
        responseKeepAlive = HttpUtil.isKeepAlive(response);
    }

    void onContent(Channel ch, HttpContent content) {
        if (ch != channel || !inFlight) {
            return;
        }
        if (content.decoderResult().isFailure()) {
            fail(seq, ErrorKind.INVALID_RESPONSE);
            return;
        }
        bodyBytes += content.content().readableBytes();
        if (content instanceof LastHttpContent) {
            complete();
        }
    }

    void onError(Channel ch, Throwable cause) {
        if (ch == channel && inFlight) {
            fail(seq, ErrorKind.of(cause));
        } else {
            ch.close();
        }
    }

    void onClosed(Channel ch) {
        if (ch != channel) {
            return;
        }
        channel = null;
        if (inFlight) {
            fail(seq, ErrorKind.CONNECTION_CLOSED);
        }
    }

    private void complete() {
        long latency = System.nanoTime() - intended;
        inFlight = false;
        timeout.cancel(false);
        collector.response(status, latency, bodyBytes);
        channelUsed = true;
        if (!responseKeepAlive || !plan.keepAlive()) {
            closeChannel();
        }
        loop.execute(this::next);
    }

    private void fail(long id, ErrorKind kind) {
        if (id != seq || !inFlight) {
            return;
        }
        inFlight = false;
        timeout.cancel(false);
        closeChannel();
        if (retriable(kind)) {
            // as Go's transport (and so hey) does: a server may close an idle keep-alive connection just as a
            // request goes out on it; an idempotent request that saw no response byte goes again, once, on a new one
            long at = intended;
            loop.execute(() -> fire(at, true));
            return;
        }
        collector.error(kind);
        // through the queue: a refused connect can fail synchronously, and the next one must not recurse
        loop.execute(this::next);
    }

    private boolean retriable(ErrorKind kind) {
        return !retried && sentOnUsedChannel && !gotResponse && plan.idempotent()
                && (kind == ErrorKind.CONNECTION_CLOSED || kind == ErrorKind.CONNECTION_RESET);
    }

    private void closeChannel() {
        if (channel != null) {
            Channel ch = channel;
            channel = null;
            ch.close();
        }
    }

    private void finish() {
        if (!finished) {
            finished = true;
            closeChannel();
            done.countDown();
        }
    }
}
