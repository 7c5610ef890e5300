package dev.mooring.dns;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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

    /** Collects zones first, then records; each record goes to the most specific zone that contains its name. */
    public static final class Builder {
        private long serial;
        private final Map<String, Long> zones = new LinkedHashMap<>();
        private final Map<String, Map<String, List<ResourceRecord>>> records = new HashMap<>();

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

        public boolean hasZone(String apex) {
            return zones.containsKey(DnsNames.normalize(apex));
        }

        public Builder a(String name, long ttl, String ipv4) {
            return add(name, new ResourceRecord(ttl, RecordData.A.of(ipv4)));
        }

        public Builder srv(String name, long ttl, int priority, int weight, int port, String target) {
            return add(name, new ResourceRecord(ttl, new RecordData.Srv(priority, weight, port, target)));
        }

        public Builder alias(String name, String target) {
            return add(name, new ResourceRecord(0, new RecordData.Alias(target)));
        }

        /** Adds a record; the name must fall in a zone declared before. */
        public Builder add(String name, ResourceRecord record) {
            String key = DnsNames.normalize(name);
            String apex = zones.keySet().stream().filter(z -> DnsNames.isAtOrBelow(key, z))
                    .max(Comparator.comparingInt(String::length))
                    .orElseThrow(() -> new IllegalArgumentException(
                            "no zone declared for " + name + "; declare its zone before adding records"));
            records.computeIfAbsent(apex, z -> new HashMap<>()).computeIfAbsent(key, n -> new ArrayList<>()).add(record);
            return this;
        }

        public ZoneSnapshot build() {
            List<Zone> built = new ArrayList<>();
            zones.forEach((apex, soaTtl) -> {
                Map<String, List<ResourceRecord>> names = new HashMap<>();
                records.getOrDefault(apex, Map.of()).forEach((name, list) -> names.put(name, List.copyOf(list)));
                built.add(new Zone(apex, soaTtl, names));
            });
            return new ZoneSnapshot(serial, built);
        }
    }
}
