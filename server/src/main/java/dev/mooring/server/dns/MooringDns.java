package dev.mooring.server.dns;

import dev.mooring.control.ControlPlane;
import dev.mooring.dns.DnsServer;
import dev.mooring.dns.ZoneHolder;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import dev.mooring.elb.ElbTables;
import java.util.ArrayList;
import java.util.List;

/**
 * Mooring's DNS as the server runs it: a publisher following the control plane's Cloud Map DNS namespaces (of every
 * region), hosted zones and load balancers' names, and a DNS server answering from what it publishes.
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
        return start(control, null, bind, port, upstream);
    }

    /** As above, also answering the DNS names of {@code elb}'s load balancers (none when null). */
    public static MooringDns start(ControlPlane control, ElbTables elb, InetAddress bind, int port,
                                   InetSocketAddress upstream) {
        ZoneHolder zones = new ZoneHolder();
        List<ZonePublisher.Part> parts = new ArrayList<>(List.of(ZonePublisher.Part.hostedZones(control.hostedZones())));
        if (elb != null) {
            parts.add(new ZonePublisher.Part(List.of(elb.loadBalancers()), new LoadBalancerRecords(elb)));
        }
        ZonePublisher publisher = new ZonePublisher(control.store(), zones, control.cloudMap(), parts,
                ZonePublisher.DEFAULT_DEBOUNCE).start();
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
