package dev.mooring.dns;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.dns.DnsOpCode;
import io.netty.handler.codec.dns.DnsQuery;
import io.netty.handler.codec.dns.DnsQuestion;
import io.netty.handler.codec.dns.DnsResponse;
import io.netty.handler.codec.dns.DnsResponseCode;
import io.netty.handler.codec.dns.DnsSection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers decoded queries, the same way over UDP and TCP: from the current snapshot when a zone holds the name, else
 * through the upstream resolver when there is one. Subclasses say how a response is addressed and sent.
 */
abstract class QueryHandler<Q extends DnsQuery> extends SimpleChannelInboundHandler<Q> {
    private static final Logger LOG = LoggerFactory.getLogger(QueryHandler.class);

    private final Zones zones;
    private final Upstream upstream;

    QueryHandler(Class<Q> type, Zones zones, Upstream upstream) {
        super(type);
        this.zones = zones;
        this.upstream = upstream;
    }

    /** A response to {@code query} with its id and opcode, addressed back to the asker. */
    abstract DnsResponse newResponse(Q query);

    /** The largest response this transport carries. */
    abstract int maxBytes();

    /** Sends a response the upstream resolver produced, as raw message bytes. */
    abstract void sendRaw(ChannelHandlerContext ctx, Q query, ByteBuf message);

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Q query) {
        DnsQuestion question = query.count(DnsSection.QUESTION) == 1 ? query.recordAt(DnsSection.QUESTION) : null;
        if (!query.opCode().equals(DnsOpCode.QUERY)) {
            reply(ctx, query, question, DnsResponseCode.NOTIMP);
            return;
        }
        if (question == null) {
            reply(ctx, query, null, DnsResponseCode.FORMERR);
            return;
        }
        ZoneSnapshot snapshot = zones.current();
        Lookup lookup = Authority.lookup(snapshot, question.name(), question.type());
        if (lookup instanceof Lookup.Outside && upstream != null) {
            // the query outlives this call: its sender and id address the relayed answer
            query.retain();
            upstream.forward(ctx.channel().eventLoop(), query,
                    message -> {
                        sendRaw(ctx, query, message);
                        query.release();
                    },
                    () -> {
                        LOG.debug("upstream {} did not answer {} in time", upstream.address(), question.name());
                        reply(ctx, query, question, DnsResponseCode.SERVFAIL);
                        query.release();
                    });
            return;
        }
        DnsResponse response = newResponse(query);
        response.setRecursionDesired(query.isRecursionDesired()).setRecursionAvailable(upstream != null);
        Responses.answer(response, question, lookup, snapshot.serial(), maxBytes());
        ctx.writeAndFlush(response);
    }

    private void reply(ChannelHandlerContext ctx, Q query, DnsQuestion question, DnsResponseCode code) {
        DnsResponse response = newResponse(query);
        response.setRecursionDesired(query.isRecursionDesired()).setRecursionAvailable(upstream != null);
        Responses.fail(response, question, code);
        ctx.writeAndFlush(response);
    }
}
