package dev.mooring.proxy;

/**
 * Callbacks for metrics, called on event loops off any lock: implementations must be cheap and non-blocking.
 * Every connection a listener accepts gets one {@code connectionOpened} and one {@code connectionClosed}.
 */
public interface ProxyObserver {
    void connectionOpened(String proxy, ListenerConfig listener);

    void connectionClosed(String proxy, ListenerConfig listener);

    /** One finished HTTP request (or gRPC call), or one finished TCP session. */
    void exchange(String proxy, ListenerConfig listener, Exchange exchange);

    ProxyObserver NONE = new ProxyObserver() {
        @Override
        public void connectionOpened(String proxy, ListenerConfig listener) {}

        @Override
        public void connectionClosed(String proxy, ListenerConfig listener) {}

        @Override
        public void exchange(String proxy, ListenerConfig listener, Exchange exchange) {}
    };
}
