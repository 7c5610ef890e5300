package dev.mooring.dns;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.dns.DefaultDnsResponse;
import io.netty.handler.codec.dns.DnsQuery;
import io.netty.handler.codec.dns.DnsResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Queries over TCP (RFC 7766), where truncated UDP answers are retried; each message is length-prefixed. */
final class TcpQueryHandler extends QueryHandler<DnsQuery> {
    private static final Logger LOG = LoggerFactory.getLogger(TcpQueryHandler.class);
    private static final int MAX_TCP_BYTES = 0xFFFF;

    TcpQueryHandler(Zones zones, Upstream upstream) {
        super(DnsQuery.class, zones, upstream);
    }

    @Override
    DnsResponse newResponse(DnsQuery query) {
        return new DefaultDnsResponse(query.id(), query.opCode());
    }

    @Override
    int maxBytes() {
        return MAX_TCP_BYTES;
    }

    @Override
    void sendRaw(ChannelHandlerContext ctx, DnsQuery query, ByteBuf message) {
        // the relayed message bypasses TcpDnsResponseEncoder, so it gets its two-byte length here
        ByteBuf length = ctx.alloc().buffer(2).writeShort(message.readableBytes());
        ctx.writeAndFlush(Unpooled.wrappedBuffer(length, message));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("closing DNS connection from {}: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
