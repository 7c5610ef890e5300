package dev.mooring.dns;

import java.util.Objects;

/**
 * One record at a name. {@code ttl} is in seconds; an alias record's own TTL is not used (its answers carry the TTL
 * of the records it resolves to).
 */
public record ResourceRecord(long ttl, RecordData data) {
    public ResourceRecord {
        if (ttl < 0 || ttl > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("TTL must be 0.." + Integer.MAX_VALUE + " seconds, got " + ttl);
        }
        Objects.requireNonNull(data, "data");
    }
}
