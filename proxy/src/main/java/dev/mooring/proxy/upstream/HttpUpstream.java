package dev.mooring.proxy.upstream;

/**
 * One upstream HTTP stream bound to one request: an HTTP/1.1 connection from the pool, or an HTTP/2 stream on a
 * shared connection. Used only on the downstream's event loop.
 */
public interface HttpUpstream {
    Host host();

    void bind(UpstreamCallbacks callbacks);

    void write(Object msg);

    void flush();

    boolean isWritable();

    void setAutoRead(boolean autoRead);

    /** The exchange ended cleanly: reuse the connection when {@code reusable} and the upstream allows it. */
    void done(boolean reusable);

    /** Abandon the stream (timeout, downstream gone): close it without calling back. */
    void abort();

    /** @return true for an HTTP/2 stream (its response heads carry Netty's x-http2-* extension headers). */
    boolean h2();

    @FunctionalInterface
    interface Acquired {
        /** Exactly one of {@code upstream} and {@code failure} is set; {@code reason} says how to retry a failure. */
        void acquired(HttpUpstream upstream, Throwable failure, dev.mooring.proxy.RetryOn reason);
    }
}
