package dev.mooring.dns;

/**
 * One kind of state that yields DNS zones (Cloud Map namespaces, hosted zones, later load balancers). Each snapshot
 * rebuild asks every source to add its zones and records; sources read committed state and must not block.
 */
@FunctionalInterface
public interface ZoneSource {
    void addTo(ZoneSnapshot.Builder snapshot);
}
