package dev.mooring.dns;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Everything the DNS server answers from, immutable. The control plane builds a new one whenever its state changes and
 * swaps it in whole ({@link ZoneHolder}), so a query never sees half of an update. {@code serial} becomes the SOA
 * serial.
 */
public record ZoneSnapshot(long serial, List<Zone> zones) {
    public static final ZoneSnapshot EMPTY = new ZoneSnapshot(0, List.of());

    public ZoneSnapshot {
        // longest apex first, so the first zone that contains a name is the most specific one
        zones = zones.stream().sorted(Comparator.comparingInt((Zone z) -> z.apex().length()).reversed()).toList();
    }

    /** The most specific zone that holds {@code normalizedName}, if this server is authoritative for it. */
    public Optional<Zone> zoneFor(String normalizedName) {
        return zones.stream().filter(z -> DnsNames.isAtOrBelow(normalizedName, z.apex())).findFirst();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Collects zones and records from any number of sources, in any order; at {@link #build} each record goes to the
     * most specific zone that contains its name.
     */
    public static final class Builder {
        private record Pending(String name, ResourceRecord record) {}

        private long serial;
        private final Map<String, Long> zones = new LinkedHashMap<>();
        private final List<Pending> records = new ArrayList<>();

        private Builder() {}

        public Builder serial(long serial) {
            this.serial = serial;
            return this;
        }

        /** Declares a zone; declaring the same apex again keeps the first SOA TTL. */
        public Builder zone(String apex, long soaTtl) {
            zones.putIfAbsent(DnsNames.normalize(apex), soaTtl);
            return this;
        }

        public Builder a(String name, long ttl, String ipv4) {
            return add(name, new ResourceRecord(ttl, RecordData.A.of(ipv4)));
        }

        public Builder aaaa(String name, long ttl, String ipv6) {
            return add(name, new ResourceRecord(ttl, RecordData.Aaaa.of(ipv6)));
        }

        public Builder cname(String name, long ttl, String target) {
            return add(name, new ResourceRecord(ttl, new RecordData.Cname(target)));
        }

        public Builder txt(String name, long ttl, List<String> strings) {
            return add(name, new ResourceRecord(ttl, new RecordData.Txt(strings)));
        }

        public Builder srv(String name, long ttl, int priority, int weight, int port, String target) {
            return add(name, new ResourceRecord(ttl, new RecordData.Srv(priority, weight, port, target)));
        }

        public Builder alias(String name, String target) {
            return add(name, new ResourceRecord(0, new RecordData.Alias(target)));
        }

        public Builder add(String name, ResourceRecord record) {
            records.add(new Pending(DnsNames.normalize(name), record));
            return this;
        }

        /** Adds another builder's zones and records (not its serial): a snapshot assembled from parts kept apart. */
        public Builder include(Builder part) {
            part.zones.forEach(zones::putIfAbsent);
            records.addAll(part.records);
            return this;
        }

        /** The snapshot; a record whose name is in no declared zone is a programming error. */
        public ZoneSnapshot build() {
            Map<String, Map<String, List<ResourceRecord>>> byZone = new HashMap<>();
            zones.keySet().forEach(apex -> byZone.put(apex, new HashMap<>()));
            for (Pending p : records) {
                String apex = zones.keySet().stream().filter(z -> DnsNames.isAtOrBelow(p.name(), z))
                        .max(Comparator.comparingInt(String::length))
                        .orElseThrow(() -> new IllegalArgumentException("no zone declared for " + p.name()));
                byZone.get(apex).computeIfAbsent(p.name(), n -> new ArrayList<>()).add(p.record());
            }
            List<Zone> built = new ArrayList<>();
            zones.forEach((apex, soaTtl) -> built.add(new Zone(apex, soaTtl, byZone.get(apex).entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> List.copyOf(e.getValue()))))));
            return new ZoneSnapshot(serial, built);
        }
    }
}
