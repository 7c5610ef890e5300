package dev.mooring.proxy.listener;

import dev.mooring.proxy.Exchange;
import dev.mooring.proxy.ListenerConfig;
import dev.mooring.proxy.ProxyObserver;
import dev.mooring.proxy.Route;
import dev.mooring.proxy.accesslog.AccessLogEntry;
import dev.mooring.proxy.accesslog.AccessLogger;
import dev.mooring.proxy.upstream.Cluster;
import java.util.Map;

/** Everything the filters of one listener share. Immutable apart from the proxy state it points to. */
public final class ListenerContext {
    public final ProxyState proxy;
    public final ListenerConfig config;
    /** The default route's cluster; null when the default route does not forward. */
    public final Cluster cluster;
    /** Every cluster of the proxy, by name, for the routes to forward to. */
    public final Map<String, Cluster> clusters;
    public final ProxyObserver observer;
    /** null when the listener has no access log */
    public final AccessLogger accessLog;
    public final long perRequestTimeoutNanos;
    public final long idleTimeoutNanos;

    public ListenerContext(ProxyState proxy, ListenerConfig config, Map<String, Cluster> clusters,
                           ProxyObserver observer) {
        this.proxy = proxy;
        this.config = config;
        this.clusters = Map.copyOf(clusters);
        this.cluster = config.cluster() == null ? null : clusters.get(config.cluster());
        this.observer = observer;
        this.accessLog = config.accessLog() == null ? null : new AccessLogger(config.accessLog());
        this.perRequestTimeoutNanos = config.timeouts().perRequest().toNanos();
        this.idleTimeoutNanos = config.timeouts().idle().toNanos();
    }

    /** The first route that matches a request; null when none does. */
    public Route route(String host, String path, String method) {
        for (Route r : config.routes()) if (r.match().matches(host, path, method)) return r;
        return null;
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
