package dev.mooring.server.dns;

import dev.mooring.control.route53.HostedZone;
import dev.mooring.control.route53.HostedZones;
import dev.mooring.control.route53.ResourceRecordSet;
import dev.mooring.dns.ZoneSnapshot;
import dev.mooring.dns.ZoneSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Route 53 private hosted zones as zones: record sets with their values and TTL (A, AAAA, CNAME, SRV, TXT, in Route
 * 53's presentation format, which the Route 53 API has checked), and aliases, which the DNS server resolves through the
 * same snapshot when asked.
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
                for (String value : set.values()) {
                    add(snapshot, set.name(), set.type(), set.ttl(), value);
                }
            }
        }
    }

    private static void add(ZoneSnapshot.Builder snapshot, String name, String type, long ttl, String value) {
        switch (type) {
            case "A" -> snapshot.a(name, ttl, value);
            case "AAAA" -> snapshot.aaaa(name, ttl, value);
            case "CNAME" -> snapshot.cname(name, ttl, value);
            case "TXT" -> snapshot.txt(name, ttl, txtStrings(value));
            case "SRV" -> {
                String[] f = value.split(" ");
                snapshot.srv(name, ttl, Integer.parseInt(f[0]), Integer.parseInt(f[1]), Integer.parseInt(f[2]), f[3]);
            }
            default -> throw new IllegalStateException("record type " + type + " reached the DNS unchecked");
        }
    }

    /** The character strings of a TXT value in presentation format: {@code "a b" "c\"d"}. */
    static List<String> txtStrings(String value) {
        List<String> out = new ArrayList<>();
        StringBuilder current = null;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (current == null) {
                if (c == '"') {
                    current = new StringBuilder();
                }
            } else if (c == '\\' && i + 1 < value.length()) {
                current.append(value.charAt(++i));
            } else if (c == '"') {
                out.add(current.toString());
                current = null;
            } else {
                current.append(c);
            }
        }
        return out;
    }
}
