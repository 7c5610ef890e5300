package dev.mooring.proxy;

import dev.mooring.core.net.EventLoops;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.DuplexChannel;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class TcpProxyTest extends ProxyTestBase {

    /** Reads until the client half-closes, then answers with the bytes reversed and half-closes itself. */
    private Endpoint reversingBackend(String name) {
        Channel ch = new ServerBootstrap().group(backendGroup).channel(EventLoops.serverChannel())
                .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel c) {
                        c.pipeline().addLast(new ChannelInboundHandlerAdapter() {
                            final ByteBuf got = Unpooled.buffer();

                            @Override
                            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                                got.writeBytes((ByteBuf) msg);
                                ((ByteBuf) msg).release();
                            }

                            @Override
                            public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
                                if (!(evt instanceof ChannelInputShutdownEvent)) return;
                                byte[] bytes = new byte[got.readableBytes()];
                                got.readBytes(bytes);
                                for (int i = 0, j = bytes.length - 1; i < j; i++, j--) {
                                    byte t = bytes[i];
                                    bytes[i] = bytes[j];
                                    bytes[j] = t;
                                }
                                ctx.writeAndFlush(Unpooled.wrappedBuffer(bytes))
                                        .addListener((ChannelFutureListener) f -> ((DuplexChannel) f.channel()).shutdownOutput());
                            }
                        });
                    }
                }).bind(backendIp, 0).syncUninterruptibly().channel();
        closeables.add(() -> ch.close().syncUninterruptibly());
        return Endpoint.of(name, (InetSocketAddress) ch.localAddress());
    }

    @Test
    void bytesFlowBothWaysAndHalfClosesPassThrough() throws Exception {
        Proxy proxy = start(Protocol.TCP, List.of(reversingBackend("db")));
        byte[] payload = new byte[3 * 1024 * 1024 + 17];
        new Random(42).nextBytes(payload);
        InetSocketAddress a = proxy.boundAddress("ingress");
        try (Socket s = new Socket(a.getAddress(), a.getPort())) {
            s.setSoTimeout(20_000);
            Thread writer = Thread.ofVirtual().start(() -> {
                try {
                    s.getOutputStream().write(payload);
                    s.shutdownOutput();                 // our half-close reaches the backend, which then answers
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            byte[] answer = readAll(s.getInputStream());   // ends at the backend's half-close
            writer.join();
            byte[] expected = payload.clone();
            for (int i = 0, j = expected.length - 1; i < j; i++, j--) {
                byte t = expected[i];
                expected[i] = expected[j];
                expected[j] = t;
            }
            assertThat(Arrays.equals(answer, expected)).isTrue();
        }
        await().untilAsserted(() -> assertThat(observer.exchanges()).singleElement().satisfies(x -> {
            assertThat(x.protocol()).isEqualTo(Protocol.TCP);
            assertThat(x.status()).isZero();
            assertThat(x.bytesReceived()).isEqualTo(payload.length);
            assertThat(x.bytesSent()).isEqualTo(payload.length);
            assertThat(x.endpoint().id()).isEqualTo("db");
        }));
        assertThat(proxy.status().inFlight()).isZero();
    }

    @Test
    void connectFailureIsRetriedOnAnotherHost() throws Exception {
        Proxy proxy = start(Protocol.TCP, List.of(Endpoint.of("dead", refusingAddress()), reversingBackend("live")));
        InetSocketAddress a = proxy.boundAddress("ingress");
        for (int i = 0; i < 4; i++) {
            try (Socket s = new Socket(a.getAddress(), a.getPort())) {
                s.setSoTimeout(10_000);
                s.getOutputStream().write("abc".getBytes(StandardCharsets.US_ASCII));
                s.shutdownOutput();
                assertThat(new String(readAll(s.getInputStream()), StandardCharsets.US_ASCII)).isEqualTo("cba");
            }
        }
        await().untilAsserted(() -> assertThat(observer.exchanges()).hasSize(4)
                .allSatisfy(x -> assertThat(x.endpoint().id()).isEqualTo("live")));
    }

    @Test
    void noHostClosesTheConnection() throws Exception {
        Proxy proxy = start(Protocol.TCP, List.of());
        InetSocketAddress a = proxy.boundAddress("ingress");
        try (Socket s = new Socket(a.getAddress(), a.getPort())) {
            s.setSoTimeout(10_000);
            assertThat(s.getInputStream().read()).isEqualTo(-1);
        }
    }

    @Test
    void anIdleSessionIsClosedAtTheIdleTimeout() throws Exception {
        Proxy proxy = start(Protocol.TCP, List.of(reversingBackend("db")), c -> c,
                l -> l.withTimeouts(new TimeoutPolicy(Duration.ZERO, Duration.ofMillis(300))));
        InetSocketAddress a = proxy.boundAddress("ingress");
        try (Socket s = new Socket(a.getAddress(), a.getPort())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(1);
            assertThat(s.getInputStream().read()).isEqualTo(-1);
        }
        await().untilAsserted(() -> assertThat(observer.exchanges()).singleElement()
                .satisfies(x -> assertThat(x.bytesReceived()).isEqualTo(1)));
    }

    static byte[] readAll(InputStream in) throws java.io.IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.transferTo(out);
        return out.toByteArray();
    }
}
