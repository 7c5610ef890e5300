package dev.mooring.dns;

import dev.mooring.core.net.EventLoops;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.dns.DatagramDnsQueryDecoder;
import io.netty.handler.codec.dns.DatagramDnsResponseEncoder;
import io.netty.handler.codec.dns.TcpDnsQueryDecoder;
import io.netty.handler.codec.dns.TcpDnsResponseEncoder;
import io.netty.handler.timeout.ReadTimeoutHandler;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Mooring's DNS server: UDP and TCP on one address and port, answering from {@link Zones} and forwarding the rest to
 * an optional upstream resolver. Nothing on the query path blocks: lookups read an immutable snapshot and forwarding
 * is asynchronous.
 */
public final class DnsServer implements AutoCloseable {
    /** A TCP client that sends nothing for this long is disconnected (RFC 7766 §6.2.3 suggests seconds). */
    private static final int TCP_IDLE_SECONDS = 10;
    /** Tries to find a port free for both UDP and TCP when the caller asks for any port. */
    private static final int EPHEMERAL_ATTEMPTS = 5;

    private final EventLoopGroup group;
    private final Channel udp;
    private final Channel tcp;

    private DnsServer(EventLoopGroup group, Channel udp, Channel tcp) {
        this.group = group;
        this.udp = udp;
        this.tcp = tcp;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Where the server listens (UDP and TCP share it). */
    public InetSocketAddress address() {
        return (InetSocketAddress) udp.localAddress();
    }

    @Override
    public void close() {
        udp.close().syncUninterruptibly();
        tcp.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    public static final class Builder {
        private InetAddress bind = InetAddress.getLoopbackAddress();
        private int port = 53;
        private Zones zones;
        private InetSocketAddress upstream;
        private Duration upstreamTimeout = Duration.ofSeconds(2);

        private Builder() {}

        public Builder bind(InetAddress address) {
            this.bind = Objects.requireNonNull(address, "address");
            return this;
        }

        /** Any port; 0 picks a free one (for tests). Port 53 needs root or CAP_NET_BIND_SERVICE. */
        public Builder port(int port) {
            if (port < 0 || port > 0xFFFF) {
                throw new IllegalArgumentException("DNS port must be 0..65535, got " + port);
            }
            this.port = port;
            return this;
        }

        public Builder zones(Zones zones) {
            this.zones = Objects.requireNonNull(zones, "zones");
            return this;
        }

        /** The resolver that answers names outside every zone; without one they get NXDOMAIN. */
        public Builder upstream(InetSocketAddress upstream) {
            this.upstream = upstream;
            return this;
        }

        /** How long to wait for the upstream resolver before answering SERVFAIL. */
        public Builder upstreamTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("upstream timeout must be positive, got " + timeout);
            }
            this.upstreamTimeout = timeout;
            return this;
        }

        /** Binds UDP and TCP and starts answering, or explains why it cannot. */
        public DnsServer start() {
            Objects.requireNonNull(zones, "zones: the server needs a snapshot source");
            Upstream relay = upstream == null ? null : new Upstream(upstream, upstreamTimeout);
            EventLoopGroup group = EventLoops.newGroup("mooring-dns", 1);
            try {
                for (int attempt = 1; ; attempt++) {
                    Channel udp = bindUdp(group, relay, port);
                    int actual = ((InetSocketAddress) udp.localAddress()).getPort();
                    try {
                        return new DnsServer(group, udp, bindTcp(group, relay, actual));
                    } catch (IllegalStateException taken) {
                        udp.close().syncUninterruptibly();
                        if (port != 0 || attempt == EPHEMERAL_ATTEMPTS) {
                            throw taken;
                        }
                    }
                }
            } catch (RuntimeException e) {
                group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
                throw e;
            }
        }

        private Channel bindUdp(EventLoopGroup group, Upstream relay, int udpPort) {
            Bootstrap b = new Bootstrap().group(group).channel(EventLoops.datagramChannel())
                    .handler(new ChannelInitializer<DatagramChannel>() {
                        @Override
                        protected void initChannel(DatagramChannel ch) {
                            ch.pipeline().addLast(new DatagramDnsResponseEncoder(), new DatagramDnsQueryDecoder(),
                                    new UdpQueryHandler(zones, relay));
                        }
                    });
            return bound(b.bind(bind, udpPort).awaitUninterruptibly(), "UDP", udpPort);
        }

        private Channel bindTcp(EventLoopGroup group, Upstream relay, int tcpPort) {
            ServerBootstrap b = new ServerBootstrap().group(group).channel(EventLoops.serverChannel())
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(new ReadTimeoutHandler(TCP_IDLE_SECONDS), new TcpDnsQueryDecoder(),
                                    new TcpDnsResponseEncoder(), new TcpQueryHandler(zones, relay));
                        }
                    });
            return bound(b.bind(bind, tcpPort).awaitUninterruptibly(), "TCP", tcpPort);
        }

        private Channel bound(ChannelFuture future, String transport, int at) {
            if (!future.isSuccess()) {
                String hint = at > 0 && at < 1024 ? " (ports below 1024 need root or CAP_NET_BIND_SERVICE)" : "";
                throw new IllegalStateException("cannot listen for DNS on " + transport + " "
                        + bind.getHostAddress() + ":" + at + ": " + future.cause().getMessage() + hint,
                        future.cause());
            }
            return future.channel();
        }
    }
}
