package dev.mooring.proxy;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/** Records what the proxy reports, for assertions. */
final class RecordingObserver implements ProxyObserver {
    final AtomicInteger opened = new AtomicInteger();
    final AtomicInteger closed = new AtomicInteger();
    final ConcurrentLinkedQueue<Exchange> exchanges = new ConcurrentLinkedQueue<>();

    @Override
    public void connectionOpened(String proxy, ListenerConfig listener) {
        opened.incrementAndGet();
    }

    @Override
    public void connectionClosed(String proxy, ListenerConfig listener) {
        closed.incrementAndGet();
    }

    @Override
    public void exchange(String proxy, ListenerConfig listener, Exchange exchange) {
        exchanges.add(exchange);
    }

    List<Exchange> exchanges() {
        return List.copyOf(exchanges);
    }

    void reset() {
        opened.set(0);
        closed.set(0);
        exchanges.clear();
    }
}
