package dev.mooring.server.dns;

import dev.mooring.control.route53.HostedZone;
import dev.mooring.control.route53.HostedZones;
import dev.mooring.control.route53.ResourceRecordSet;
import dev.mooring.dns.ZoneSnapshot;
import dev.mooring.dns.ZoneSource;
import java.util.HashSet;
import java.util.Set;

/**
 * Route 53-style private hosted zones as zones: A record sets with their values and TTL, and aliases, which the DNS
 * server resolves through the same snapshot when asked.
 */
public final class HostedZoneRecords implements ZoneSource {
    /**
     * SOA and negative-answer TTL. Route 53 uses 900; a name looked up just before a task registers it should not stay
     * missing for a quarter of an hour in a local environment.
     */
    static final long SOA_TTL = 60;

    private final HostedZones hostedZones;

    public HostedZoneRecords(HostedZones hostedZones) {
        this.hostedZones = hostedZones;
    }

    @Override
    public void addTo(ZoneSnapshot.Builder snapshot) {
        Set<String> zoneIds = new HashSet<>();
        for (HostedZone zone : hostedZones.hostedZones()) {
            snapshot.zone(zone.name(), SOA_TTL);
            zoneIds.add(zone.id());
        }
        for (ResourceRecordSet set : hostedZones.allRecordSets()) {
            if (!zoneIds.contains(set.hostedZoneId())) {
                continue; // its zone was created after the zones were read: the next rebuild includes both
            }
            if (set.aliasTarget() != null) {
                snapshot.alias(set.name(), set.aliasTarget().dnsName());
            } else {
                set.values().forEach(ip -> snapshot.a(set.name(), set.ttl(), ip));
            }
        }
    }
}
