package dev.mooring.server.dns;

import dev.mooring.dns.ZoneSnapshot;
import dev.mooring.dns.ZoneSource;
import dev.mooring.elb.Arns;
import dev.mooring.elb.ElbTables;
import dev.mooring.elb.StoredLoadBalancer;

/**
 * Load balancers' DNS names ({@code [internal-]<name>-<digits>.<region>.elb.amazonaws.com}) answered with their
 * address in the task network, so that tasks reach them by name, and aliases in hosted zones resolve to them.
 */
public final class LoadBalancerRecords implements ZoneSource {
    /** What ELB answers its names with. */
    static final long TTL = 60;

    private final ElbTables tables;

    public LoadBalancerRecords(ElbTables tables) {
        this.tables = tables;
    }

    @Override
    public void addTo(ZoneSnapshot.Builder snapshot) {
        for (StoredLoadBalancer lb : tables.loadBalancers().all()) {
            if (lb.address() != null) {
                String region = lb.arn().split(":")[3];
                snapshot.zone(Arns.dnsZone(region), TTL);
                snapshot.a(lb.loadBalancer().dnsName(), TTL, lb.address());
            }
        }
    }
}
