package dev.mooring.dns;

import dev.mooring.core.net.EventLoops;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.handler.codec.dns.DatagramDnsQuery;
import io.netty.handler.codec.dns.DatagramDnsQueryEncoder;
import io.netty.handler.codec.dns.DnsQuery;
import io.netty.handler.codec.dns.DnsSection;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Relays questions outside Mooring's zones to the resolver the host uses. Each relayed query gets its own UDP socket
 * on an ephemeral port, so replies need no bookkeeping beyond "is this the answer to what I sent", and the answer
 * goes back byte for byte (EDNS, compression and all).
 */
final class Upstream {
    private final InetSocketAddress address;
    private final Duration timeout;

    Upstream(InetSocketAddress address, Duration timeout) {
        this.address = address;
        this.timeout = timeout;
    }

    InetSocketAddress address() {
        return address;
    }

    /**
     * Sends {@code query} upstream from {@code loop}; exactly one of {@code answer} (which owns the raw reply) or
     * {@code failed} runs later, on {@code loop}. Copies what it needs from {@code query} before returning.
     */
    void forward(EventLoop loop, DnsQuery query, Consumer<ByteBuf> answer, Runnable failed) {
        DatagramDnsQuery out = new DatagramDnsQuery(null, address, query.id(), query.opCode())
                .setRecursionDesired(query.isRecursionDesired());
        for (DnsSection section : new DnsSection[] {DnsSection.QUESTION, DnsSection.ADDITIONAL}) {
            for (int i = 0; i < query.count(section); i++) {
                out.addRecord(section, ReferenceCountUtil.retain(query.recordAt(section, i)));
            }
        }
        Exchange exchange = new Exchange(query.id(), answer, failed);
        ChannelFuture bound = new Bootstrap().group(loop).channel(EventLoops.datagramChannel())
                .handler(new ChannelInitializer<DatagramChannel>() {
                    @Override
                    protected void initChannel(DatagramChannel ch) {
                        ch.pipeline().addLast(new DatagramDnsQueryEncoder(), exchange);
                    }
                })
                .bind(0);
        bound.addListener(f -> {
            if (!f.isSuccess()) {
                out.release();
                exchange.finish(null);
                return;
            }
            exchange.start(bound.channel(), timeout);
            bound.channel().writeAndFlush(out).addListener(sent -> {
                if (!sent.isSuccess()) {
                    exchange.finish(null);
                }
            });
        });
    }

    /** One query in flight; every method runs on the channel's event loop. */
    private final class Exchange extends SimpleChannelInboundHandler<DatagramPacket> {
        private final int id;
        private final Consumer<ByteBuf> answer;
        private final Runnable failed;
        private Channel channel;
        private ScheduledFuture<?> deadline;
        private boolean done;

        Exchange(int id, Consumer<ByteBuf> answer, Runnable failed) {
            this.id = id;
            this.answer = answer;
            this.failed = failed;
        }

        void start(Channel channel, Duration timeout) {
            this.channel = channel;
            deadline = channel.eventLoop().schedule(() -> finish(null), timeout.toNanos(), TimeUnit.NANOSECONDS);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
            ByteBuf content = packet.content();
            // anything not from the resolver, or not an answer to our id, is ignored (spoofing, late replies)
            if (packet.sender().equals(address) && content.readableBytes() >= 2
                    && content.getUnsignedShort(content.readerIndex()) == id) {
                finish(content.retain());
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            finish(null);
        }

        /** Delivers the reply, or the failure when {@code reply} is null, once. */
        void finish(ByteBuf reply) {
            if (done) {
                ReferenceCountUtil.release(reply);
                return;
            }
            done = true;
            if (deadline != null) {
                deadline.cancel(false);
            }
            if (channel != null) {
                channel.close();
            }
            if (reply != null) {
                answer.accept(reply);
            } else {
                failed.run();
            }
        }
    }
}
