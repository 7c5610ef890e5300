package dev.mooring.dns;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.DatagramPacket;
import io.netty.handler.codec.dns.DatagramDnsQuery;
import io.netty.handler.codec.dns.DatagramDnsResponse;
import io.netty.handler.codec.dns.DatagramDnsResponseEncoder;
import io.netty.handler.codec.dns.DnsResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Queries over UDP: at most 512 bytes per response (no EDNS), and a bad datagram never closes the socket. */
final class UdpQueryHandler extends QueryHandler<DatagramDnsQuery> {
    private static final Logger LOG = LoggerFactory.getLogger(UdpQueryHandler.class);
    /** RFC 1035 §4.2.1; answers are not offered larger sizes because responses carry no OPT record. */
    private static final int MAX_UDP_BYTES = 512;

    UdpQueryHandler(Zones zones, Upstream upstream) {
        super(DatagramDnsQuery.class, zones, upstream);
    }

    @Override
    DnsResponse newResponse(DatagramDnsQuery query) {
        return new DatagramDnsResponse(query.recipient(), query.sender(), query.id(), query.opCode());
    }

    @Override
    int maxBytes() {
        return MAX_UDP_BYTES;
    }

    @Override
    void sendRaw(ChannelHandlerContext ctx, DatagramDnsQuery query, ByteBuf message) {
        // written from the encoder's own context so the raw packet starts below it: DatagramDnsResponseEncoder
        // claims every AddressedEnvelope, DatagramPackets included, and would fail on a non-DnsResponse
        ctx.pipeline().context(DatagramDnsResponseEncoder.class).writeAndFlush(new DatagramPacket(message, query.sender()));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // a malformed datagram is one client's problem; the socket serves everyone else
        LOG.debug("dropped an undecodable DNS datagram: {}", cause.toString());
    }
}
