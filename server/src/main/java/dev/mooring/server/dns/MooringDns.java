package dev.mooring.server.dns;

import dev.mooring.control.ControlPlane;
import dev.mooring.dns.DnsServer;
import dev.mooring.dns.ZoneHolder;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * Mooring's DNS as the server runs it: a publisher following the control plane's Cloud Map DNS namespaces (of every
 * region) and hosted zones, and a DNS server answering from what it publishes.
 */
public final class MooringDns implements AutoCloseable {
    private final ZonePublisher publisher;
    private final DnsServer server;

    private MooringDns(ZonePublisher publisher, DnsServer server) {
        this.publisher = publisher;
        this.server = server;
    }

    /**
     * Starts answering on {@code bind}:{@code port} (UDP and TCP). {@code upstream} may be null: names outside
     * Mooring's zones then get NXDOMAIN instead of being forwarded.
     */
    public static MooringDns start(ControlPlane control, InetAddress bind, int port, InetSocketAddress upstream) {
        ZoneHolder zones = new ZoneHolder();
        ZonePublisher publisher = new ZonePublisher(control.store(), zones, control.cloudMap(),
                control.hostedZones(), ZonePublisher.DEFAULT_DEBOUNCE).start();
        try {
            return new MooringDns(publisher, DnsServer.builder().bind(bind).port(port).zones(zones)
                    .upstream(upstream).start());
        } catch (RuntimeException e) {
            publisher.close();
            throw e;
        }
    }

    public InetSocketAddress address() {
        return server.address();
    }

    @Override
    public void close() {
        server.close();
        publisher.close();
    }
}
