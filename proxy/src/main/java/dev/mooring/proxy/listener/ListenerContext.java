package dev.mooring.proxy.listener;

import dev.mooring.proxy.Exchange;
import dev.mooring.proxy.ListenerConfig;
import dev.mooring.proxy.ProxyObserver;
import dev.mooring.proxy.accesslog.AccessLogEntry;
import dev.mooring.proxy.accesslog.AccessLogger;
import dev.mooring.proxy.upstream.Cluster;

/** Everything the filters of one listener share. Immutable apart from the proxy state it points to. */
public final class ListenerContext {
    public final ProxyState proxy;
    public final ListenerConfig config;
    public final Cluster cluster;
    public final ProxyObserver observer;
    /** null when the listener has no access log */
    public final AccessLogger accessLog;
    public final long perRequestTimeoutNanos;
    public final long idleTimeoutNanos;

    public ListenerContext(ProxyState proxy, ListenerConfig config, Cluster cluster, ProxyObserver observer) {
        this.proxy = proxy;
        this.config = config;
        this.cluster = cluster;
        this.observer = observer;
        this.accessLog = config.accessLog() == null ? null : new AccessLogger(config.accessLog());
        this.perRequestTimeoutNanos = config.timeouts().perRequest().toNanos();
        this.idleTimeoutNanos = config.timeouts().idle().toNanos();
    }

    /** Reports one finished exchange to the observer and, when configured, the access log. */
    public void report(Exchange exchange, AccessLogEntry entry) {
        try {
            observer.exchange(proxy.name, config, exchange);
        } finally {
            if (accessLog != null && entry != null) accessLog.log(entry);
        }
    }
}
