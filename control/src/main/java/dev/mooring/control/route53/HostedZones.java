package dev.mooring.control.route53;

import dev.mooring.core.operation.ErrorKind;
import dev.mooring.core.operation.ServiceException;
import dev.mooring.control.Ids;
import dev.mooring.store.Store;
import dev.mooring.store.Table;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The hosted zones and their record sets, with Route 53's error codes for bad input. Every change is one store
 * write, validated in full before anything is put.
 */
public final class HostedZones {
    private static final char[] ID_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".toCharArray();
    private static final Pattern IPV4 = Pattern.compile(
            "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final int MAX_SET_IDENTIFIER = 128;

    private final Store store;
    private final Clock clock;
    private final Table<HostedZone> zones;
    private final Table<ResourceRecordSet> recordSets;

    public HostedZones(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
        this.zones = store.table("route53-hosted-zone", HostedZone.class, HostedZone::id);
        this.recordSets = store.table("route53-record-set", ResourceRecordSet.class, ResourceRecordSet::key);
    }

    /** Creates a private hosted zone; one zone per name, as one VPC allows (ConflictingDomainExists otherwise). */
    public HostedZone createHostedZone(String name, String comment) {
        String fqdn = DomainNames.canonical("Name", name);
        return store.write(tx -> {
            if (tx.stream(zones).anyMatch(z -> z.name().equals(fqdn))) {
                throw new ServiceException("ConflictingDomainExists", "a hosted zone named " + fqdn
                        + " already exists; add records to it or delete it first");
            }
            // Route 53 zone ids: Z and uppercase letters and digits
            HostedZone zone = new HostedZone("Z" + Ids.random(ID_CHARS, 20), fqdn, comment, clock.instant());
            tx.put(zones, zone);
            return zone;
        });
    }

    /** Deletes an empty hosted zone (HostedZoneNotEmpty while it has record sets). */
    public void deleteHostedZone(String id) {
        store.write(tx -> {
            zoneOrThrow(tx.get(zones, id), id);
            if (tx.stream(recordSets).anyMatch(r -> r.hostedZoneId().equals(id))) {
                throw new ServiceException("HostedZoneNotEmpty", "hosted zone " + id
                        + " still has record sets; delete them first");
            }
            tx.delete(zones, id);
            return null;
        });
    }

    public Optional<HostedZone> hostedZone(String id) {
        return zones.get(id);
    }

    public List<HostedZone> hostedZones() {
        return zones.all();
    }

    /** The record sets of one zone, in name order. */
    public List<ResourceRecordSet> recordSets(String hostedZoneId) {
        return recordSets.withPrefix(hostedZoneId + "|").toList();
    }

    /** Every record set of every zone. */
    public List<ResourceRecordSet> allRecordSets() {
        return recordSets.all();
    }

    /** Creates or replaces the record set with the same zone, name, type and set identifier. */
    public ResourceRecordSet upsert(ResourceRecordSet set) {
        return store.write(tx -> {
            HostedZone zone = zoneOrThrow(tx.get(zones, set.hostedZoneId()), set.hostedZoneId());
            ResourceRecordSet valid = validate(zone, set);
            tx.put(recordSets, valid);
            return valid;
        });
    }

    /** Deletes a record set; InvalidChangeBatch when there is no such record set, as Route 53 answers. */
    public void delete(String hostedZoneId, String name, String type, String setIdentifier) {
        String fqdn = DomainNames.canonical("Name", name);
        store.write(tx -> {
            zoneOrThrow(tx.get(zones, hostedZoneId), hostedZoneId);
            String key = ResourceRecordSet.key(hostedZoneId, fqdn, type, setIdentifier);
            if (tx.get(recordSets, key).isEmpty()) {
                throw new ServiceException("InvalidChangeBatch", "Tried to delete resource record set [name='" + fqdn
                        + "', type='" + type + "'] but it was not found");
            }
            tx.delete(recordSets, key);
            return null;
        });
    }

    private static HostedZone zoneOrThrow(Optional<HostedZone> zone, String id) {
        return zone.orElseThrow(() -> new ServiceException("NoSuchHostedZone", ErrorKind.NOT_FOUND,
                "No hosted zone found with ID: " + id, Map.of()));
    }

    private static ResourceRecordSet validate(HostedZone zone, ResourceRecordSet set) {
        String name = DomainNames.canonical("Name", set.name());
        if (!DomainNames.within(name, zone.name())) {
            throw new ServiceException("InvalidChangeBatch", "RRSet with DNS name " + name
                    + " is not permitted in zone " + zone.name());
        }
        if (!ResourceRecordSet.A.equals(set.type())) {
            throw new ServiceException("InvalidInput", "Mooring's hosted zones hold type A record sets only, got type "
                    + set.type() + " for " + name);
        }
        if (set.setIdentifier() != null
                && (set.setIdentifier().isEmpty() || set.setIdentifier().length() > MAX_SET_IDENTIFIER)) {
            throw new ServiceException("InvalidInput", "SetIdentifier of " + name + " must be 1 to 128 characters");
        }
        boolean hasValues = set.ttl() != null || set.values() != null;
        if (hasValues == (set.aliasTarget() != null)) {
            throw new ServiceException("InvalidChangeBatch", "record set " + name
                    + " needs either TTL and ResourceRecords or an AliasTarget, not both and not neither");
        }
        if (set.aliasTarget() != null) {
            var alias = set.aliasTarget();
            String target = DomainNames.canonical("AliasTarget.DNSName", alias.dnsName());
            return new ResourceRecordSet(zone.id(), name, set.type(), set.setIdentifier(), null, null,
                    new ResourceRecordSet.AliasTarget(alias.hostedZoneId(), target,
                            Boolean.TRUE.equals(alias.evaluateTargetHealth())));
        }
        if (set.ttl() == null || set.ttl() < 0 || set.ttl() > Integer.MAX_VALUE) {
            throw new ServiceException("InvalidInput", "TTL of " + name + " must be 0 to 2147483647 seconds, got "
                    + set.ttl());
        }
        if (set.values() == null || set.values().isEmpty()) {
            throw new ServiceException("InvalidChangeBatch", "record set " + name + " needs at least one IPv4 address");
        }
        for (String value : set.values()) {
            if (value == null || !IPV4.matcher(value).matches()) {
                throw new ServiceException("InvalidChangeBatch", "ARRDATAIllegalIPv4Address: '" + value
                        + "' in record set " + name + " is not a dotted-quad IPv4 address");
            }
        }
        return new ResourceRecordSet(zone.id(), name, set.type(), set.setIdentifier(), set.ttl(),
                set.values().stream().distinct().toList(), null);
    }
}
