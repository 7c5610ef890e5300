package dev.mooring.dns;

import java.util.List;
import java.util.Map;

/**
 * One zone this server is authoritative for. {@code names} maps normalized owner names to their records;
 * {@code soaTtl} is the TTL of the zone's SOA and of negative answers (a Cloud Map namespace's SOA TTL).
 */
public record Zone(String apex, long soaTtl, Map<String, List<ResourceRecord>> names) {
    // Route 53's defaults for the SOA timers; nothing here transfers zones, so they are informational
    private static final long REFRESH = 7200;
    private static final long RETRY = 900;
    private static final long EXPIRE = 1_209_600;

    public Zone {
        names = Map.copyOf(names);
    }

    /** The records at a normalized name, or none. */
    public List<ResourceRecord> records(String normalizedName) {
        return names.getOrDefault(normalizedName, List.of());
    }

    /** The SOA of this zone in the snapshot numbered {@code serial}. */
    public ResourceRecord soa(long serial) {
        String host = apex.isEmpty() ? "" : "." + apex;
        return new ResourceRecord(soaTtl, new RecordData.Soa("ns" + host, "hostmaster" + host, serial & 0xFFFFFFFFL,
                REFRESH, RETRY, EXPIRE, soaTtl));
    }
}
