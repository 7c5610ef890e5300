package dev.mooring.proxy.upstream;

import dev.mooring.proxy.RetryOn;
import io.netty.handler.codec.http.HttpObject;

/** What an upstream HTTP stream tells the router that owns it; always called on the downstream's event loop. */
public interface UpstreamCallbacks {
    /** A response head, body part or end (a trailers-carrying {@code LastHttpContent}); ownership passes. */
    void onResponse(HttpObject msg);

    /** The end of one read batch from the upstream: time to flush towards the client. */
    void onResponseBatchEnd();

    /** The stream or connection ended before the response did. */
    void onReset(RetryOn reason);

    void onUpstreamWritabilityChanged(boolean writable);
}
