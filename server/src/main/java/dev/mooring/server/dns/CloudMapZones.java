package dev.mooring.server.dns;

import dev.mooring.control.cloudmap.CloudMapService;
import dev.mooring.control.cloudmap.DnsZone;
import dev.mooring.control.cloudmap.Namespace;
import dev.mooring.core.net.Ipv4;
import dev.mooring.dns.DnsNames;
import dev.mooring.dns.ZoneSnapshot;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cloud Map DNS namespaces as zones. Each service with a DnsConfig gets, for every instance that DNS answers for
 * (healthy, or without health checking), the records its DnsConfig asks for, with their TTLs (service-connect-spec
 * Appendix B DnsConfig, DnsRecord): {@code <service>.<namespace>} A → AWS_INSTANCE_IPV4, and SRV →
 * {@code 1 1 AWS_INSTANCE_PORT <instanceId>.<service>.<namespace>} with an A record for that target, as Cloud Map
 * creates it. AAAA and CNAME records are not served.
 */
public final class CloudMapZones {
    private static final Logger LOG = LoggerFactory.getLogger(CloudMapZones.class);
    static final String IPV4 = "AWS_INSTANCE_IPV4";
    static final String PORT = "AWS_INSTANCE_PORT";
    /** CreatePrivateDnsNamespace's SOA TTL when a namespace has none recorded. */
    private static final long DEFAULT_SOA_TTL = 15;
    private static final int SRV_PRIORITY = 1;
    private static final int SRV_WEIGHT = 1;

    private CloudMapZones() {}

    /** Adds one namespace's zone and records. */
    public static void addTo(ZoneSnapshot.Builder snapshot, DnsZone zone) {
        Namespace ns = zone.namespace();
        if (!DnsNames.isValid(ns.name())) {
            LOG.warn("Cloud Map namespace {} is not a DNS name; DNS will not answer for it", ns.name());
            return;
        }
        snapshot.zone(ns.name(), soaTtl(ns));
        for (DnsZone.Service service : zone.services()) {
            addService(snapshot, ns.name(), service);
        }
    }

    private static long soaTtl(Namespace ns) {
        return Optional.ofNullable(ns.properties()).map(Namespace.Properties::dnsProperties)
                .map(Namespace.DnsProperties::soa).map(Namespace.Soa::ttl).orElse(DEFAULT_SOA_TTL);
    }

    private static void addService(ZoneSnapshot.Builder snapshot, String namespace, DnsZone.Service service) {
        CloudMapService s = service.service();
        String name = s.name() + "." + namespace;
        Optional<Long> aTtl = ttl(s, "A");
        Optional<Long> srvTtl = ttl(s, "SRV");
        for (DnsZone.Endpoint endpoint : service.endpoints()) {
            if (!endpoint.answersDns()) {
                continue;
            }
            String ipv4 = endpoint.attributes().get(IPV4);
            if (ipv4 != null && !Ipv4.isAddress(ipv4)) {
                LOG.warn("instance {} of {} has {}={}, not an IPv4 address; skipped", endpoint.instanceId(), name,
                        IPV4, ipv4);
                continue;
            }
            if (ipv4 != null && aTtl.isPresent()) {
                snapshot.a(name, aTtl.get(), ipv4);
            }
            srvTtl.ifPresent(ttl -> addSrv(snapshot, name, endpoint, ipv4, aTtl.orElse(ttl), ttl));
        }
    }

    private static void addSrv(ZoneSnapshot.Builder snapshot, String name, DnsZone.Endpoint endpoint, String ipv4,
                               long targetTtl, long ttl) {
        Integer port = port(endpoint.attributes().get(PORT));
        String target = endpoint.instanceId() + "." + name;
        if (port == null || !DnsNames.isValid(target)) {
            LOG.debug("instance {} of {} has no usable port or host name for SRV; skipped", endpoint.instanceId(),
                    name);
            return;
        }
        snapshot.srv(name, ttl, SRV_PRIORITY, SRV_WEIGHT, port, target);
        if (ipv4 != null) {
            snapshot.a(target, targetTtl, ipv4);
        }
    }

    private static Optional<Long> ttl(CloudMapService service, String type) {
        if (service.dnsConfig() == null || service.dnsConfig().dnsRecords() == null) {
            return Optional.empty();
        }
        return service.dnsConfig().dnsRecords().stream().filter(r -> type.equals(r.type()) && r.ttl() != null)
                .map(CloudMapService.DnsRecord::ttl).findFirst();
    }

    private static Integer port(String value) {
        if (value == null || !value.matches("\\d{1,5}")) {
            return null;
        }
        int port = Integer.parseInt(value);
        return port <= 0xFFFF ? port : null;
    }
}
