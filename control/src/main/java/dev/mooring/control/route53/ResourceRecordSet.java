package dev.mooring.control.route53;

import java.util.List;

/**
 * A record set of a hosted zone: either {@code ttl} and {@code values} (in the record type's presentation format:
 * an address for A and AAAA, a name for CNAME, quoted strings for TXT, {@code priority weight port target} for SRV), or
 * an {@code aliasTarget}, never both. {@code name} is fully qualified with the trailing dot. {@code setIdentifier}
 * tells apart record sets of the same name and type under a routing policy ({@code weight} or {@code region}; the YELB
 * sample's latency alias has one, sample-app §4.4).
 */
public record ResourceRecordSet(String hostedZoneId, String name, String type, String setIdentifier, Long ttl,
                                List<String> values, AliasTarget aliasTarget, Long weight, String region) {

    public static final String A = "A";

    /** Where an alias points: a DNS name answered through the same DNS server (for example a load balancer's). */
    public record AliasTarget(String hostedZoneId, String dnsName, Boolean evaluateTargetHealth) {}

    public ResourceRecordSet {
        values = values == null ? null : List.copyOf(values);
    }

    /** An A record set with addresses. */
    public static ResourceRecordSet a(String hostedZoneId, String name, long ttl, List<String> addresses) {
        return new ResourceRecordSet(hostedZoneId, name, A, null, ttl, addresses, null, null, null);
    }

    /** An A alias to {@code dnsName}. */
    public static ResourceRecordSet alias(String hostedZoneId, String name, String dnsName) {
        return new ResourceRecordSet(hostedZoneId, name, A, null, null, null, new AliasTarget(null, dnsName, false),
                null, null);
    }

    /** Zone, name, type and set identifier: what makes a record set distinct. */
    public static String key(String hostedZoneId, String name, String type, String setIdentifier) {
        return hostedZoneId + "|" + name + "|" + type + "|" + (setIdentifier == null ? "" : setIdentifier);
    }

    public String key() {
        return key(hostedZoneId, name, type, setIdentifier);
    }

    public ResourceRecordSet inZone(String zoneId) {
        return new ResourceRecordSet(zoneId, name, type, setIdentifier, ttl, values, aliasTarget, weight, region);
    }
}
