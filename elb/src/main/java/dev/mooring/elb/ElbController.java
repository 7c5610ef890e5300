package dev.mooring.elb;

import dev.mooring.elb.health.HealthChecks;
import dev.mooring.elb.health.TargetKey;
import dev.mooring.elb.shape.LoadBalancerState;
import dev.mooring.elb.shape.LoadBalancerStateCode;
import dev.mooring.store.Snapshot;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The load balancers' reconcile pass: a provisioning load balancer becomes active, drained registrations leave the
 * store once their deregistration delay is over, and the health checks follow the targets that are registered in
 * target groups a load balancer uses. Repeating a pass is always safe.
 */
public final class ElbController {
    private final ElbTables t;
    private final HealthChecks health;
    private final Clock clock;

    ElbController(ElbTables tables, HealthChecks health, Clock clock) {
        this.t = tables;
        this.health = health;
        this.clock = clock;
    }

    public void reconcile() {
        Instant now = clock.instant();
        Snapshot s = t.store().snapshot();
        activate(s);
        sweep(s, now);
        checks(t.store().snapshot(), now);
    }

    private void activate(Snapshot s) {
        var provisioning = s.stream(t.loadBalancers())
                .filter(lb -> lb.loadBalancer().state().code() == LoadBalancerStateCode.PROVISIONING).toList();
        if (provisioning.isEmpty()) {
            return;
        }
        t.store().write(tx -> {
            for (StoredLoadBalancer lb : provisioning) {
                // re-read: the load balancer may have been deleted since the snapshot
                tx.get(t.loadBalancers(), lb.arn()).filter(x -> x.loadBalancer().state().code()
                        == LoadBalancerStateCode.PROVISIONING).ifPresent(x -> tx.put(t.loadBalancers(),
                        new StoredLoadBalancer(x.loadBalancer().withState(new LoadBalancerState(
                                LoadBalancerStateCode.ACTIVE, null)), x.attributes(), x.tags())));
            }
            return null;
        });
    }

    private void sweep(Snapshot s, Instant now) {
        List<Registration> drained = s.stream(t.registrations()).filter(Registration::deregistering)
                .filter(r -> s.get(t.targetGroups(), r.targetGroupArn())
                        .map(g -> !r.present(now, TargetOps.delay(g))).orElse(true)).toList();
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
            Set<String> users = TargetGroupOps.users(s.stream(t.listeners()), s.stream(t.rules()), g.arn());
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
