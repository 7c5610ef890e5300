package dev.mooring.dns;

import dev.mooring.core.net.EventLoops;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.handler.codec.dns.DatagramDnsQuery;
import io.netty.handler.codec.dns.DatagramDnsQueryEncoder;
import io.netty.handler.codec.dns.DatagramDnsResponse;
import io.netty.handler.codec.dns.DatagramDnsResponseDecoder;
import io.netty.handler.codec.dns.DefaultDnsQuestion;
import io.netty.handler.codec.dns.DefaultDnsRecordDecoder;
import io.netty.handler.codec.dns.DnsRawRecord;
import io.netty.handler.codec.dns.DnsRecord;
import io.netty.handler.codec.dns.DnsRecordType;
import io.netty.handler.codec.dns.DnsSection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** A raw UDP DNS client for tests: one query, one decoded reply, flattened into plain values. */
final class TestResolver implements AutoCloseable {
    record Rr(String name, String type, long ttl, String value) {}

    record Reply(String rcode, boolean authoritative, boolean truncated, List<Rr> answers, List<Rr> authority,
                 List<Rr> additional) {
        List<String> answerValues() {
            return answers.stream().map(Rr::value).toList();
        }
    }

    private final EventLoopGroup group = EventLoops.newGroup("test-resolver", 1);
    private final Channel channel;
    private final AtomicInteger ids = new AtomicInteger(1);
    private final Map<Integer, CompletableFuture<Reply>> pending = new ConcurrentHashMap<>();

    TestResolver() {
        channel = new Bootstrap().group(group).channel(EventLoops.datagramChannel())
                .handler(new ChannelInitializer<DatagramChannel>() {
                    @Override
                    protected void initChannel(DatagramChannel ch) {
                        ch.pipeline().addLast(new DatagramDnsQueryEncoder(), new DatagramDnsResponseDecoder(),
                                new SimpleChannelInboundHandler<DatagramDnsResponse>() {
                                    @Override
                                    protected void channelRead0(ChannelHandlerContext ctx, DatagramDnsResponse r) {
                                        CompletableFuture<Reply> f = pending.remove(r.id());
                                        if (f != null) {
                                            f.complete(flatten(r));
                                        }
                                    }
                                });
                    }
                })
                .bind(InetAddress.getLoopbackAddress(), 0).syncUninterruptibly().channel();
    }

    Reply query(InetSocketAddress server, String name, DnsRecordType type) throws Exception {
        int id = ids.getAndIncrement();
        CompletableFuture<Reply> reply = new CompletableFuture<>();
        pending.put(id, reply);
        DatagramDnsQuery q = new DatagramDnsQuery(null, server, id).setRecursionDesired(true)
                .addRecord(DnsSection.QUESTION, new DefaultDnsQuestion(name, type));
        channel.writeAndFlush(q).syncUninterruptibly();
        return reply.get(5, TimeUnit.SECONDS);
    }

    private static Reply flatten(DatagramDnsResponse r) {
        return new Reply(r.code().toString().replaceAll("\\(.*", ""), r.isAuthoritativeAnswer(), r.isTruncated(),
                section(r, DnsSection.ANSWER), section(r, DnsSection.AUTHORITY), section(r, DnsSection.ADDITIONAL));
    }

    private static List<Rr> section(DatagramDnsResponse r, DnsSection section) {
        List<Rr> out = new ArrayList<>();
        for (int i = 0; i < r.count(section); i++) {
            DnsRecord rec = r.recordAt(section, i);
            out.add(new Rr(rec.name(), rec.type().name(), rec.timeToLive(), value(rec)));
        }
        return out;
    }

    private static String value(DnsRecord rec) {
        if (!(rec instanceof DnsRawRecord raw)) {
            return "";
        }
        ByteBuf c = raw.content().duplicate();
        if (rec.type().equals(DnsRecordType.A)) {
            byte[] b = new byte[4];
            c.readBytes(b);
            try {
                return InetAddress.getByAddress(b).getHostAddress();
            } catch (UnknownHostException e) {
                throw new AssertionError(e);
            }
        }
        if (rec.type().equals(DnsRecordType.SRV)) {
            return c.readUnsignedShort() + " " + c.readUnsignedShort() + " " + c.readUnsignedShort() + " "
                    + DefaultDnsRecordDecoder.decodeName(c);
        }
        if (rec.type().equals(DnsRecordType.SOA)) {
            String mname = DefaultDnsRecordDecoder.decodeName(c);
            String rname = DefaultDnsRecordDecoder.decodeName(c);
            return mname + " " + rname + " " + c.readUnsignedInt() + " " + c.readUnsignedInt() + " "
                    + c.readUnsignedInt() + " " + c.readUnsignedInt() + " " + c.readUnsignedInt();
        }
        return "";
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
