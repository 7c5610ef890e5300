package dev.mooring.loadgen;

import dev.mooring.core.net.EventLoops;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.concurrent.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Runs a {@link TrafficPlan}: {@code concurrency} workers, each with one keep-alive connection pinned to one event
 * loop, so a worker's whole life runs on one thread and needs no lock. The calling thread closes one second at a
 * time (progress, per-second series) until every worker is done.
 */
public final class LoadGenerator {
    private final TrafficPlan plan;
    private volatile boolean stopRequested;

    public LoadGenerator(TrafficPlan plan) {
        this.plan = plan;
    }

    /** Asks the run to stop sending (Ctrl-C): requests in flight still finish or time out, then the report. */
    public void stop() {
        stopRequested = true;
    }

    /** Runs to the plan's bound; {@code onSecond} sees each second as it closes (the progress line). */
    public TrafficReport run(Consumer<SecondStats> onSecond) throws InterruptedException {
        int threads = Math.max(1, Math.min(plan.concurrency(), Runtime.getRuntime().availableProcessors()));
        EventLoopGroup group = EventLoops.newGroup("traffic", threads);
        FullHttpRequest template = template(plan);
        try {
            Collector collector = new Collector();
            int workers = plan.timed() ? plan.concurrency() : (int) Math.min(plan.concurrency(), plan.requests());
            CountDownLatch done = new CountDownLatch(workers);
            Bootstrap bootstrap = new Bootstrap().group(group)
                    .channel(EventLoops.nativeTransport() ? EpollSocketChannel.class : NioSocketChannel.class)
                    .option(ChannelOption.TCP_NODELAY, true)
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) plan.timeout().toMillis());
            long periodNanos = plan.ratePerWorker() > 0 ? (long) (1e9 / plan.ratePerWorker()) : 0;
            Control control = new Control(plan, () -> stopRequested);
            List<Worker> all = new ArrayList<>();
            for (int i = 0; i < workers; i++) {
                all.add(new Worker(group.next(), bootstrap, plan, template, control, collector, periodNanos, done));
            }
            // connections open before the clock starts, so latencies are requests, not handshakes and warm-up
            List<Future<Void>> connecting = all.stream().map(Worker::preconnect).toList();
            long connectDeadline = System.nanoTime() + plan.timeout().toNanos();
            for (Future<Void> f : connecting) {
                f.await(Math.max(0, connectDeadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
            long start = System.nanoTime();
            control.begin(start);
            for (int i = 0; i < all.size(); i++) {
                // at a constant rate, spread the workers' first sends over one period rather than a burst
                all.get(i).start(start + periodNanos * i / all.size());
            }
            long second = 0;
            boolean interrupted = false;
            while (true) {
                long tick = start + (second + 1) * 1_000_000_000L;
                boolean finished;
                try {
                    finished = done.await(Math.max(0, tick - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    interrupted = true;
                    stop();
                    continue;
                }
                if (finished) {
                    break;
                }
                onSecond.accept(collector.closeSecond(++second, true));
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            collector.closeSecond(++second, false);
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            return TrafficReport.of(plan, seconds, collector);
        } finally {
            template.release();
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    private static FullHttpRequest template(TrafficPlan plan) {
        FullHttpRequest r = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, plan.method(), plan.pathAndQuery(),
                Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(plan.body())));
        r.headers().set(HttpHeaderNames.HOST, plan.hostHeader());
        r.headers().set(HttpHeaderNames.USER_AGENT, "mooring-traffic");
        r.headers().set(HttpHeaderNames.ACCEPT, "*/*");
        if (plan.body().length > 0) {
            r.headers().set(HttpHeaderNames.CONTENT_LENGTH, plan.body().length);
        }
        if (!plan.keepAlive()) {
            r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        for (Map.Entry<String, String> h : plan.headers()) {
            r.headers().set(h.getKey(), h.getValue());
        }
        return r;
    }

    /** What decides whether a worker may send one more request: the count left, or the deadline. */
    static final class Control {
        private final boolean timed;
        private final long durationNanos;
        private final AtomicLong remaining;
        private final BooleanSupplier stopRequested;
        private volatile long deadlineNanos;

        Control(TrafficPlan plan, BooleanSupplier stopRequested) {
            this.timed = plan.timed();
            this.durationNanos = plan.duration().toNanos();
            this.remaining = new AtomicLong(plan.requests());
            this.stopRequested = stopRequested;
        }

        /** Starts the clock (before any worker starts, so every worker sees the deadline). */
        void begin(long startNanos) {
            deadlineNanos = startNanos + durationNanos;
        }

        /** Whether a request meant to go at {@code sendAtNanos} may be sent; takes one from the count. */
        boolean allow(long sendAtNanos) {
            if (stopped()) {
                return false;
            }
            return timed ? sendAtNanos - deadlineNanos < 0 : remaining.getAndDecrement() > 0;
        }

        boolean stopped() {
            return stopRequested.getAsBoolean();
        }
    }

    static ChannelInitializer<Channel> pipeline(Worker worker) {
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel ch) {
                ch.pipeline().addLast(new HttpClientCodec(), new ResponseHandler(worker));
            }
        };
    }
}
