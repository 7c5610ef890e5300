package dev.mooring.proxy.http;

import dev.mooring.proxy.ProxyIdentity;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;
import java.net.InetSocketAddress;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** Adds the headers a listener's {@link ProxyIdentity} puts on each request it forwards. */
final class RequestHeaderStamp {
    static final AsciiString REQUEST_ID = AsciiString.cached("x-request-id");
    static final AsciiString FORWARDED_FOR = AsciiString.cached("x-forwarded-for");
    static final AsciiString FORWARDED_PROTO = AsciiString.cached("x-forwarded-proto");
    static final AsciiString FORWARDED_PORT = AsciiString.cached("x-forwarded-port");
    static final AsciiString TRACE_ID = AsciiString.cached("x-amzn-trace-id");

    private RequestHeaderStamp() {}

    /** {@code connection}: the client's TCP connection (an HTTP/2 stream's parent). */
    static void apply(ProxyIdentity.RequestHeaders kind, HttpHeaders h, Channel connection) {
        switch (kind) {
            case NONE -> { }
            case ENVOY -> {
                if (!h.contains(REQUEST_ID)) h.set(REQUEST_ID, requestId());
            }
            case ALB -> {
                if (connection.remoteAddress() instanceof InetSocketAddress client) {
                    String ip = client.getAddress().getHostAddress();
                    String before = h.get(FORWARDED_FOR);
                    h.set(FORWARDED_FOR, before == null || before.isBlank() ? ip : before + ", " + ip);
                }
                h.set(FORWARDED_PROTO, "http");
                if (connection.localAddress() instanceof InetSocketAddress local) h.setInt(FORWARDED_PORT, local.getPort());
                if (!h.contains(TRACE_ID)) h.set(TRACE_ID, traceId(System.currentTimeMillis() / 1000));
            }
        }
    }

    /** A version 4 UUID, as Envoy generates, from the thread's own random source (no shared SecureRandom). */
    static String requestId() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        long hi = (r.nextLong() & ~0xF000L) | 0x4000L;
        long lo = (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(hi, lo).toString();
    }

    /** X-Ray's trace id as an ALB writes it: {@code Root=1-<epoch seconds, 8 hex>-<96 random bits, 24 hex>}. */
    static String traceId(long epochSeconds) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return String.format("Root=1-%08x-%08x%016x", epochSeconds, r.nextInt(), r.nextLong());
    }
}
