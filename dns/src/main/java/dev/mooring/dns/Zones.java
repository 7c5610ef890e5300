package dev.mooring.dns;

/** Where the DNS server gets the snapshot to answer from; read once per query, so it must be cheap. */
@FunctionalInterface
public interface Zones {
    ZoneSnapshot current();
}
