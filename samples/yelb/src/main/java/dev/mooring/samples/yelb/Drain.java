package dev.mooring.samples.yelb;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Counts the exchanges in flight so that a stopping server can let them finish. The JDK server's own
 * {@code stop(delay)} also waits for connections a client has already left, taking the whole delay on every stop.
 */
public final class Drain {
    private final AtomicInteger inFlight = new AtomicInteger();

    /** The handler, counted. */
    public HttpHandler counting(HttpHandler handler) {
        return exchange -> {
            inFlight.incrementAndGet();
            try {
                handler.handle(exchange);
            } finally {
                inFlight.decrementAndGet();
            }
        };
    }

    /** Waits, at most the given seconds, until no exchange is in flight; then stops the server. */
    public void stop(HttpServer server, int seconds) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10)); // a shutdown hook has nothing to wait on
        }
        server.stop(0);
    }
}
