package dev.mooring.control.route53;

import dev.mooring.control.Ids;
import dev.mooring.core.operation.ErrorKind;
import dev.mooring.core.operation.ServiceException;
import dev.mooring.store.Store;
import dev.mooring.store.Table;
import dev.mooring.store.Tx;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The hosted zones and their record sets, with Route 53's error codes for bad input. Every change batch is one store
 * write, validated in full before anything is put: a batch applies whole or not at all.
 */
public final class HostedZones {
    private static final char[] ID_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".toCharArray();
    private static final int MAX_SET_IDENTIFIER = 128;

    /** What a change does, as ChangeResourceRecordSets names it. */
    public enum ChangeAction { CREATE, DELETE, UPSERT }

    /** One change of a batch. */
    public record Change(ChangeAction action, ResourceRecordSet recordSet) {}

    private final Store store;
    private final Clock clock;
    private final Table<HostedZone> zones;
    private final Table<ResourceRecordSet> recordSets;
    private final Table<ChangeRecord> changes;
    private final Table<ZoneTags> tags;

    public HostedZones(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
        this.zones = store.table("route53-hosted-zone", HostedZone.class, HostedZone::id);
        this.recordSets = store.table("route53-record-set", ResourceRecordSet.class, ResourceRecordSet::key);
        this.changes = store.table("route53-change", ChangeRecord.class, ChangeRecord::id);
        this.tags = store.table("route53-tags", ZoneTags.class, ZoneTags::hostedZoneId);
    }

    /** The tables whose changes can change a DNS zone. */
    public List<Table<?>> tables() {
        return List.of(zones, recordSets);
    }

    /** Creates a private hosted zone with no caller reference or VPC (for components that need a zone of their own). */
    public HostedZone createHostedZone(String name, String comment) {
        return create(name, comment, Ids.uuid(), null, null).zone();
    }

    /** A created zone and the change that created it. */
    public record Created(HostedZone zone, ChangeRecord change) {}

    /**
     * Creates a private hosted zone; one zone per name, as one VPC allows (ConflictingDomainExists otherwise), and one
     * per caller reference (HostedZoneAlreadyExists).
     */
    public Created create(String name, String comment, String callerReference, String vpcRegion, String vpcId) {
        String fqdn = DomainNames.canonical("Name", name);
        if (callerReference == null || callerReference.isEmpty() || callerReference.length() > 128) {
            throw new ServiceException("InvalidInput", "CallerReference must be 1 to 128 characters");
        }
        return store.write(tx -> {
            if (tx.stream(zones).anyMatch(z -> callerReference.equals(z.callerReference()))) {
                throw new ServiceException("HostedZoneAlreadyExists", ErrorKind.CONFLICT, "A hosted zone has already"
                        + " been created with the specified caller reference '" + callerReference + "'");
            }
            if (tx.stream(zones).anyMatch(z -> z.name().equals(fqdn))) {
                throw new ServiceException("ConflictingDomainExists", "a hosted zone named " + fqdn
                        + " already exists; add records to it or delete it first");
            }
            Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
            // Route 53 zone ids: Z and uppercase letters and digits
            HostedZone zone = new HostedZone("Z" + Ids.random(ID_CHARS, 20), fqdn, comment, now, callerReference,
                    vpcRegion, vpcId);
            tx.put(zones, zone);
            return new Created(zone, change(tx, now, comment));
        });
    }

    private ChangeRecord change(Tx tx, Instant at, String comment) {
        ChangeRecord change = new ChangeRecord("C" + Ids.random(ID_CHARS, 20), at, comment);
        tx.put(changes, change);
        return change;
    }

    /** Deletes an empty hosted zone (HostedZoneNotEmpty while it has record sets). */
    public ChangeRecord deleteHostedZone(String id) {
        return store.write(tx -> {
            zoneOrThrow(tx.get(zones, id), id);
            if (tx.stream(recordSets).anyMatch(r -> r.hostedZoneId().equals(id))) {
                throw new ServiceException("HostedZoneNotEmpty", "The hosted zone " + id + " contains resource record"
                        + " sets; delete them first");
            }
            tx.delete(zones, id);
            tx.delete(tags, id);
            return change(tx, clock.instant().truncatedTo(ChronoUnit.MILLIS), null);
        });
    }

    /** A zone's tags, in the order they were added. */
    public List<ZoneTags.Tag> tags(String hostedZoneId) {
        zoneOrThrow(zones.get(hostedZoneId), hostedZoneId);
        return tags.get(hostedZoneId).map(ZoneTags::tags).orElse(List.of());
    }

    /**
     * Adds (or overwrites) and removes tags of a zone in one write: at most 50 tags, keys 1–128 and values up to 256
     * characters, as Route 53 allows.
     */
    public void changeTags(String hostedZoneId, List<ZoneTags.Tag> add, List<String> remove) {
        store.write(tx -> {
            zoneOrThrow(tx.get(zones, hostedZoneId), hostedZoneId);
            java.util.Map<String, ZoneTags.Tag> next = new java.util.LinkedHashMap<>();
            tx.get(tags, hostedZoneId).ifPresent(t -> t.tags().forEach(x -> next.put(x.key(), x)));
            for (ZoneTags.Tag t : add == null ? List.<ZoneTags.Tag>of() : add) {
                if (t.key() == null || t.key().isEmpty() || t.key().length() > 128
                        || t.value() != null && t.value().length() > 256) {
                    throw new ServiceException("InvalidInput", "Tag keys must be 1 to 128 characters and values at"
                            + " most 256");
                }
                next.put(t.key(), new ZoneTags.Tag(t.key(), t.value() == null ? "" : t.value()));
            }
            (remove == null ? List.<String>of() : remove).forEach(next::remove);
            if (next.size() > 50) {
                throw new ServiceException("InvalidInput", "A hosted zone can have at most 50 tags");
            }
            if (next.isEmpty()) {
                tx.delete(tags, hostedZoneId);
            } else {
                tx.put(tags, new ZoneTags(hostedZoneId, List.copyOf(next.values())));
            }
            return null;
        });
    }

    public Optional<HostedZone> hostedZone(String id) {
        return zones.get(id);
    }

    public List<HostedZone> hostedZones() {
        return zones.all();
    }

    public Optional<ChangeRecord> changeRecord(String id) {
        return changes.get(id);
    }

    /** The record sets of one zone, in key order. */
    public List<ResourceRecordSet> recordSets(String hostedZoneId) {
        return recordSets.withPrefix(hostedZoneId + "|").toList();
    }

    /** Every record set of every zone. */
    public List<ResourceRecordSet> allRecordSets() {
        return recordSets.all();
    }

    /** Creates or replaces the record set with the same zone, name, type and set identifier. */
    public ResourceRecordSet upsert(ResourceRecordSet set) {
        apply(set.hostedZoneId(), List.of(new Change(ChangeAction.UPSERT, set)), null);
        return recordSets.get(ResourceRecordSet.key(set.hostedZoneId(), DomainNames.canonical("Name", set.name()),
                set.type(), set.setIdentifier())).orElseThrow();
    }

    /** Deletes a record set whatever its values; InvalidChangeBatch when there is no such record set. */
    public void delete(String hostedZoneId, String name, String type, String setIdentifier) {
        String fqdn = DomainNames.canonical("Name", name);
        store.write(tx -> {
            zoneOrThrow(tx.get(zones, hostedZoneId), hostedZoneId);
            String key = ResourceRecordSet.key(hostedZoneId, fqdn, type, setIdentifier);
            if (tx.get(recordSets, key).isEmpty()) {
                throw notFound(fqdn, type);
            }
            tx.delete(recordSets, key);
            return null;
        });
    }

    /**
     * Applies a change batch in order, all or nothing, as ChangeResourceRecordSets does: CREATE of an existing record
     * set, DELETE of a missing one or of one whose values differ, and CNAMEs beside other records are refused.
     */
    public ChangeRecord apply(String hostedZoneId, List<Change> batch, String comment) {
        if (batch == null || batch.isEmpty()) {
            throw new ServiceException("InvalidInput", "A change batch needs at least one change");
        }
        return store.write(tx -> {
            HostedZone zone = zoneOrThrow(tx.get(zones, hostedZoneId), hostedZoneId);
            List<String> problems = new ArrayList<>();
            for (Change c : batch) {
                if (c.action() == null || c.recordSet() == null) {
                    throw new ServiceException("InvalidInput", "Each change needs an Action and a ResourceRecordSet");
                }
                ResourceRecordSet set = validate(zone, c.recordSet().inZone(zone.id()));
                Optional<ResourceRecordSet> current = tx.get(recordSets, set.key());
                switch (c.action()) {
                    case CREATE -> {
                        if (current.isPresent()) {
                            problems.add("Tried to create resource record set [name='" + set.name() + "', type='"
                                    + set.type() + "'" + id(set) + "] but it already exists");
                        } else {
                            conflicts(tx, set).ifPresent(problems::add);
                            tx.put(recordSets, set);
                        }
                    }
                    case UPSERT -> {
                        conflicts(tx, set).ifPresent(problems::add);
                        tx.put(recordSets, set);
                    }
                    case DELETE -> {
                        if (current.isEmpty()) {
                            problems.add("Tried to delete resource record set [name='" + set.name() + "', type='"
                                    + set.type() + "'" + id(set) + "] but it was not found");
                        } else if (!current.get().equals(set)) {
                            problems.add("Tried to delete resource record set [name='" + set.name() + "', type='"
                                    + set.type() + "'" + id(set) + "] but the values provided do not match the"
                                    + " current values");
                        } else {
                            tx.delete(recordSets, set.key());
                        }
                    }
                }
            }
            if (!problems.isEmpty()) {
                // thrown inside the write: nothing of the batch is kept
                throw new ServiceException("InvalidChangeBatch", "[" + String.join(", ", problems) + "]");
            }
            return change(tx, clock.instant().truncatedTo(ChronoUnit.MILLIS), comment);
        });
    }

    private static String id(ResourceRecordSet set) {
        return set.setIdentifier() == null ? "" : ", set-identifier='" + set.setIdentifier() + "'";
    }

    /** A CNAME owns its name alone (RFC 1034 §3.6.2); Route 53 refuses either way round. */
    private Optional<String> conflicts(Tx tx, ResourceRecordSet set) {
        boolean clash = tx.stream(recordSets).anyMatch(r -> r.hostedZoneId().equals(set.hostedZoneId())
                && r.name().equals(set.name()) && !r.type().equals(set.type())
                && (r.type().equals("CNAME") || set.type().equals("CNAME")));
        return clash ? Optional.of("RRSet of type " + set.type() + " with DNS name " + set.name() + " is not"
                + " permitted because a conflicting RRSet of type " + (set.type().equals("CNAME") ? "other than CNAME"
                : "CNAME") + " with the same DNS name already exists in zone") : Optional.empty();
    }

    private static ServiceException notFound(String name, String type) {
        return new ServiceException("InvalidChangeBatch", "[Tried to delete resource record set [name='" + name
                + "', type='" + type + "'] but it was not found]");
    }

    static HostedZone zoneOrThrow(Optional<HostedZone> zone, String id) {
        return zone.orElseThrow(() -> new ServiceException("NoSuchHostedZone", ErrorKind.NOT_FOUND,
                "No hosted zone found with ID: " + id, Map.of()));
    }

    private static ResourceRecordSet validate(HostedZone zone, ResourceRecordSet set) {
        String name = DomainNames.canonical("Name", set.name());
        if (!DomainNames.within(name, zone.name())) {
            throw new ServiceException("InvalidChangeBatch", "[RRSet with DNS name " + name
                    + " is not permitted in zone " + zone.name() + "]");
        }
        String type = set.type();
        if (type == null || !RecordValues.TYPES.contains(type)) {
            throw new ServiceException("InvalidInput", "Mooring's hosted zones hold record sets of types "
                    + RecordValues.TYPES + ", got type " + type + " for " + name);
        }
        if (type.equals("CNAME") && name.equals(zone.name())) {
            throw new ServiceException("InvalidChangeBatch", "[RRSet of type CNAME with DNS name " + name
                    + " is not permitted at apex in zone " + zone.name() + "]");
        }
        boolean routed = set.weight() != null || set.region() != null;
        if (set.setIdentifier() != null) {
            if (set.setIdentifier().isEmpty() || set.setIdentifier().length() > MAX_SET_IDENTIFIER) {
                throw new ServiceException("InvalidInput", "SetIdentifier of " + name + " must be 1 to 128 characters");
            }
            if (!routed) {
                throw new ServiceException("InvalidInput", "Invalid request: Expected exactly one of [Weight, Region]"
                        + " with SetIdentifier '" + set.setIdentifier() + "' of " + name + ", but found none");
            }
        } else if (routed) {
            throw new ServiceException("InvalidInput", "Weight and Region need a SetIdentifier (record set " + name
                    + ")");
        }
        if (set.weight() != null && set.region() != null) {
            throw new ServiceException("InvalidInput", "Invalid request: Expected exactly one of [Weight, Region] for "
                    + name + ", but found both");
        }
        if (set.weight() != null && (set.weight() < 0 || set.weight() > 255)) {
            throw new ServiceException("InvalidInput", "Weight of " + name + " must be 0 to 255");
        }
        boolean hasValues = set.ttl() != null || set.values() != null;
        if (hasValues == (set.aliasTarget() != null)) {
            throw new ServiceException("InvalidChangeBatch", "[Record set " + name
                    + " needs either TTL and ResourceRecords or an AliasTarget, not both and not neither]");
        }
        if (set.aliasTarget() != null) {
            if (!RecordValues.ALIAS_TYPES.contains(type)) {
                throw new ServiceException("InvalidChangeBatch", "[Alias record sets of type " + type
                        + " are not supported; use A or AAAA (record set " + name + ")]");
            }
            var alias = set.aliasTarget();
            String target = DomainNames.canonical("AliasTarget.DNSName", alias.dnsName());
            return new ResourceRecordSet(zone.id(), name, type, set.setIdentifier(), null, null,
                    new ResourceRecordSet.AliasTarget(alias.hostedZoneId(), target,
                            Boolean.TRUE.equals(alias.evaluateTargetHealth())), set.weight(), set.region());
        }
        if (set.ttl() == null || set.ttl() < 0 || set.ttl() > Integer.MAX_VALUE) {
            throw new ServiceException("InvalidInput", "TTL of " + name + " must be 0 to 2147483647 seconds, got "
                    + set.ttl());
        }
        return new ResourceRecordSet(zone.id(), name, type, set.setIdentifier(), set.ttl(),
                RecordValues.check(type, name, set.values()), null, set.weight(), set.region());
    }
}
