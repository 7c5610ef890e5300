package dev.mooring.elb;

import dev.mooring.elb.dataplane.AlbDataPlane;
import dev.mooring.elb.health.HealthChecks;
import dev.mooring.elb.health.TargetKey;
import dev.mooring.elb.shape.LoadBalancer;
import dev.mooring.elb.shape.LoadBalancerState;
import dev.mooring.elb.shape.LoadBalancerStateCode;
import dev.mooring.reconcile.Changes;
import dev.mooring.reconcile.Controller;
import dev.mooring.reconcile.Key;
import dev.mooring.store.Snapshot;
import dev.mooring.store.Table;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The load balancers' controller: a load balancer gets its address and a provisioning one becomes active, drained
 * registrations leave the store once their deregistration delay is over, the health checks follow the targets that
 * are registered in target groups a load balancer uses, and (when serving) the listeners get the host sets of the
 * targets that may take traffic. It watches every ELB table and the health checks' observations; each pass looks at
 * everything, which is cheap at a laptop's scale, and repeating one is always safe.
 */
public final class ElbController implements Controller {
    /** The key the health checks signal with when a target's observed health changes. */
    public static final Key TARGET_HEALTH = new Key("elb.target-health", "*");

    private final ElbTables t;
    private final HealthChecks health;
    private final Clock clock;
    private final LoadBalancerAddresses addresses;
    /** The address this server opened for each load balancer (null: none to be had); touched on the loop only. */
    private final Map<String, String> held = new HashMap<>();
    private volatile AlbDataPlane plane;

    ElbController(ElbTables tables, HealthChecks health, Clock clock, LoadBalancerAddresses addresses) {
        this.t = tables;
        this.health = health;
        this.clock = clock;
        this.addresses = addresses;
    }

    @Override
    public String name() {
        return "elb";
    }

    @Override
    public List<Table<?>> watches() {
        return List.of(t.loadBalancers(), t.targetGroups(), t.listeners(), t.rules(), t.registrations());
    }

    /** Listeners to serve after each pass; null when this server serves none (the data plane is optional). */
    void serve(AlbDataPlane plane) {
        this.plane = plane;
    }

    @Override
    public void reconcile(Changes changes) {
        reconcile();
        AlbDataPlane p = plane;
        if (p != null) {
            p.reconcile();
        }
    }

    void reconcile() {
        Instant now = clock.instant();
        Snapshot s = t.store().snapshot();
        activate(s);
        sweep(s, now);
        checks(t.store().snapshot(), now);
    }

    /**
     * Gives every load balancer an address (again, after a restart: the one it had if still free) and makes a
     * provisioning one active once it has it; gives back the addresses of deleted load balancers.
     */
    private void activate(Snapshot s) {
        for (String arn : List.copyOf(held.keySet())) {
            if (s.get(t.loadBalancers(), arn).isEmpty()) {
                addresses.close(held.remove(arn));
            }
        }
        List<StoredLoadBalancer> pending = s.stream(t.loadBalancers()).filter(lb -> !held.containsKey(lb.arn())
                || lb.loadBalancer().state().code() == LoadBalancerStateCode.PROVISIONING).toList();
        if (pending.isEmpty()) {
            return;
        }
        Map<String, String> opened = new HashMap<>();
        for (StoredLoadBalancer lb : pending) {
            if (!held.containsKey(lb.arn())) {
                String address = addresses.open(lb.address());
                if (address != null) {
                    opened.put(lb.arn(), address);
                }
            }
        }
        t.store().write(tx -> {
            for (StoredLoadBalancer lb : pending) {
                // re-read: the load balancer may have been deleted since the snapshot
                var current = tx.get(t.loadBalancers(), lb.arn());
                String address = opened.containsKey(lb.arn()) ? opened.get(lb.arn()) : held.get(lb.arn());
                if (current.isEmpty()) {
                    continue;
                }
                StoredLoadBalancer x = current.get();
                LoadBalancer shape = x.loadBalancer().withState(new LoadBalancerState(LoadBalancerStateCode.ACTIVE,
                        null)).withAddress(address);
                StoredLoadBalancer next = new StoredLoadBalancer(shape, x.attributes(), x.tags(), address);
                if (!next.equals(x)) {
                    tx.put(t.loadBalancers(), next);
                }
            }
            return null;
        });
        opened.forEach(held::put);
        // an address opened for a load balancer deleted meanwhile goes back at the next pass
        pending.stream().filter(lb -> !opened.containsKey(lb.arn()) && !held.containsKey(lb.arn()))
                .forEach(lb -> held.put(lb.arn(), null));
    }

    /** Gives back every address this controller holds (the server is stopping). */
    void releaseAll() {
        held.values().stream().filter(java.util.Objects::nonNull).forEach(addresses::close);
        held.clear();
    }

    private void sweep(Snapshot s, Instant now) {
        List<Registration> drained = s.stream(t.registrations()).filter(Registration::deregistering)
                .filter(r -> s.get(t.targetGroups(), r.targetGroupArn())
                        .map(g -> !r.present(now, TargetOperations.delay(g))).orElse(true)).toList();
        if (drained.isEmpty()) {
            return;
        }
        t.store().write(tx -> {
            drained.forEach(r -> tx.get(t.registrations(), r.key()).filter(x -> x.equals(r))
                    .ifPresent(x -> tx.delete(t.registrations(), x.key())));
            return null;
        });
    }

    private void checks(Snapshot s, Instant now) {
        List<HealthChecks.Checked> checked = new ArrayList<>();
        for (StoredTargetGroup g : s.all(t.targetGroups())) {
            if (!Boolean.TRUE.equals(g.targetGroup().healthCheckEnabled())) {
                continue;
            }
            Set<String> users = TargetGroupOperations.users(s.stream(t.listeners()), s.stream(t.rules()), g.arn());
            if (users.isEmpty()) {
                continue;
            }
            s.withPrefix(t.registrations(), g.arn() + "|").filter(r -> !r.deregistering())
                    .forEach(r -> checked.add(new HealthChecks.Checked(
                            new TargetKey(g.arn(), r.id(), r.port()), g.targetGroup())));
        }
        health.sync(checked);
    }
}
