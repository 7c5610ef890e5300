package dev.mooring.bench;

import dev.mooring.core.net.EventLoops;
import dev.mooring.proxy.ClusterConfig;
import dev.mooring.proxy.DataPlane;
import dev.mooring.proxy.Direction;
import dev.mooring.proxy.Endpoint;
import dev.mooring.proxy.HostSet;
import dev.mooring.proxy.ListenerConfig;
import dev.mooring.proxy.NetworkScope;
import dev.mooring.proxy.Protocol;
import dev.mooring.proxy.Proxy;
import dev.mooring.proxy.ProxyConfig;
import dev.mooring.proxy.ProxyObserver;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import org.HdrHistogram.Histogram;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The pieces behind {@code bench/proxy.sh}, one per JVM so the script can measure the data plane's CPU alone:
 * <ul>
 * <li>{@code backend <ip> <port>}: a Netty HTTP/1.1 server answering every request with 1 KiB;</li>
 * <li>{@code proxies <ip-egress> <ip-ingress> <ip-single> <port> <backend-ip> <backend-port>}: a Mooring data plane
 * with a client task's egress listener that routes to a server task's ingress listener, which routes to the backend
 * (the Service Connect pair), and one more ingress listener straight to the backend (the single proxy);</li>
 * <li>{@code latency <url> <rate> <warm-up-seconds> <seconds> <connections>}: a constant-rate load generator over keep-alive
 * connections. Each request's latency counts from the time the schedule meant it to start, so a stall delays the
 * requests behind it in the numbers too (coordinated omission corrected). Prints {@code p50_us p99_us max_us count
 * errors}.</li>
 * </ul>
 */
public final class ProxyBench {
    private static final byte[] BODY = new byte[1024];

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "backend" -> backend(args[1], Integer.parseInt(args[2]));
            case "proxies" -> proxies(args);
            case "latency" -> latency(URI.create(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]),
                    Integer.parseInt(args[4]), Integer.parseInt(args[5]));
            default -> throw new IllegalArgumentException("unknown mode " + args[0]);
        }
    }

    private static void backend(String ip, int port) throws InterruptedException {
        java.util.Arrays.fill(BODY, (byte) 'x');
        ByteBuf body = Unpooled.unreleasableBuffer(Unpooled.directBuffer(BODY.length).writeBytes(BODY));
        EventLoopGroup group = EventLoops.newGroup("backend", 1);
        @ChannelHandler.Sharable
        class Answer extends ChannelInboundHandlerAdapter {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                if (msg instanceof LastHttpContent) {
                    FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                            body.duplicate());
                    r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, BODY.length)
                            .set(HttpHeaderNames.CONTENT_TYPE, "text/plain");
                    ctx.write(r, ctx.voidPromise());
                }
                ReferenceCountUtil.release(msg);
            }

            @Override
            public void channelReadComplete(ChannelHandlerContext ctx) {
                ctx.flush();
            }
        }
        Answer answer = new Answer();
        new ServerBootstrap().group(group).channel(EventLoops.serverChannel())
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(), answer);
                    }
                }).bind(ip, port).sync().channel().closeFuture().sync();
    }

    private static void proxies(String[] a) throws Exception {
        String egressIp = a[1], ingressIp = a[2], singleIp = a[3];
        int port = Integer.parseInt(a[4]);
        InetSocketAddress backend = new InetSocketAddress(a[5], Integer.parseInt(a[6]));
        DataPlane dataPlane = DataPlane.create(ProxyObserver.NONE);
        InetSocketAddress ingress = new InetSocketAddress(ingressIp, port);
        Proxy server = dataPlane.start(new ProxyConfig("server-task",
                List.of(ListenerConfig.of("ingress", Direction.INGRESS, ingress, Protocol.HTTP, "app")),
                List.of(ClusterConfig.of("app", Protocol.HTTP))), NetworkScope.HOST).join();
        server.updateHostSet(new HostSet("app", List.of(Endpoint.of("app", backend))));
        Proxy client = dataPlane.start(new ProxyConfig("client-task",
                List.of(ListenerConfig.of("egress", Direction.EGRESS, new InetSocketAddress(egressIp, port), Protocol.HTTP, "server")),
                List.of(ClusterConfig.of("server", Protocol.HTTP))), NetworkScope.HOST).join();
        client.updateHostSet(new HostSet("server", List.of(Endpoint.of("server-task", ingress))));
        Proxy single = dataPlane.start(new ProxyConfig("single",
                List.of(ListenerConfig.of("ingress", Direction.INGRESS, new InetSocketAddress(singleIp, port), Protocol.HTTP, "app")),
                List.of(ClusterConfig.of("app", Protocol.HTTP))), NetworkScope.HOST).join();
        single.updateHostSet(new HostSet("app", List.of(Endpoint.of("app", backend))));
        System.out.println("ready");
        Thread.currentThread().join();
    }

    /** Connections handled on one event loop; requests wait in a queue when every connection is busy. */
    private static void latency(URI url, int rate, int warmUpSeconds, int seconds, int connections) throws Exception {
        EventLoopGroup group = EventLoops.newGroup("load", 1);
        EventLoop loop = group.next();
        Histogram histogram = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
        int warmUp = rate * warmUpSeconds;
        int total = warmUp + rate * seconds;
        CountDownLatch done = new CountDownLatch(total);
        long[] measureFrom = {Long.MAX_VALUE};
        ArrayDeque<Channel> idle = new ArrayDeque<>();
        ArrayDeque<Long> waiting = new ArrayDeque<>();
        long[] errors = {0};
        String host = url.getHost() + ":" + url.getPort();
        class Conn extends ChannelInboundHandlerAdapter {
            long intended;

            void send(Channel ch, long intendedStart) {
                intended = intendedStart;
                HttpRequest r = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, url.getPath(),
                        Unpooled.EMPTY_BUFFER);
                r.headers().set(HttpHeaderNames.HOST, host);
                ch.writeAndFlush(r, ch.voidPromise());
            }

            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                FullHttpResponse r = (FullHttpResponse) msg;
                if (r.status().code() != 200) errors[0]++;
                r.release();
                if (intended - measureFrom[0] >= 0) histogram.recordValue(Math.max(0, System.nanoTime() - intended));
                done.countDown();
                Long next = waiting.poll();
                if (next != null) send(ctx.channel(), next);
                else idle.add(ctx.channel());
            }

            @Override
            public void channelInactive(ChannelHandlerContext ctx) {
                idle.remove(ctx.channel());
            }
        }
        Bootstrap b = new Bootstrap().group(loop)
                .channel(EventLoops.nativeTransport() ? EpollSocketChannel.class : NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(1 << 20), new Conn());
                    }
                });
        for (int i = 0; i < connections; i++) {
            Channel ch = b.connect(url.getHost(), url.getPort()).sync().channel();
            loop.submit(() -> idle.add(ch)).sync();
        }
        long period = TimeUnit.SECONDS.toNanos(1) / rate;
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
        measureFrom[0] = start + warmUp * period;   // the warm-up's requests (JIT, connections) are not counted
        for (int i = 0; i < total; i++) {
            long intended = start + i * period;
            long wait = intended - System.nanoTime();
            if (wait > 0) LockSupport.parkNanos(wait);
            loop.execute(() -> {
                Channel ch = idle.poll();
                if (ch == null) waiting.add(intended);
                else ch.pipeline().get(Conn.class).send(ch, intended);
            });
        }
        boolean finished = done.await(30, TimeUnit.SECONDS);
        long count = histogram.getTotalCount();
        // the last field, every request sent (warm-up included), is what a CPU figure taken around the run covers
        System.out.printf("%d %d %d %d %d %d%n", histogram.getValueAtPercentile(50) / 1000,
                histogram.getValueAtPercentile(99) / 1000, histogram.getMaxValue() / 1000, count,
                errors[0] + (finished ? 0 : done.getCount()), total);
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }
}
