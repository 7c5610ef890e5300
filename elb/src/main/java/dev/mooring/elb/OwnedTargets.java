package dev.mooring.elb;

import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Targets that another part of Mooring registers on a user's behalf, as ECS registers a service's tasks: each owner
 * (a task's ARN) states the targets it should have, and gets exactly those, through the same registration and
 * draining as RegisterTargets and DeregisterTargets.
 */
public final class OwnedTargets {
    /** One target an owner should have: a target group, the owner's address and port. */
    public record Target(String targetGroupArn, String id, int port) {}

    /** How an owner's targets fare: every one healthy (or unchecked), one unhealthy, or not decided yet. */
    public sealed interface Health {
        record Healthy() implements Health {}

        record Pending() implements Health {}

        record Unhealthy(String targetGroupArn, int port, String description) implements Health {}
    }

    private final ElbTables t;
    private final Clock clock;
    private final TargetOperations targets;

    OwnedTargets(ElbTables tables, Clock clock, TargetOperations targets) {
        this.t = tables;
        this.clock = clock;
        this.targets = targets;
    }

    /** The health of the owner's registered (not draining) targets, as DescribeTargetHealth reports each. */
    public Health health(String owner) {
        var s = t.store().snapshot();
        List<Registration> mine = s.stream(t.registrations())
                .filter(r -> owner.equals(r.owner()) && !r.deregistering()).toList();
        if (mine.isEmpty()) {
            return new Health.Pending();
        }
        boolean pending = false;
        for (Registration r : mine) {
            var g = s.get(t.targetGroups(), r.targetGroupArn());
            if (g.isEmpty()) {
                continue;
            }
            boolean inUse = !TargetGroupOperations.users(s.stream(t.listeners()), s.stream(t.rules()), g.get().arn())
                    .isEmpty();
            var h = targets.health(g.get(), inUse, r);
            switch (h.state()) {
                case UNHEALTHY -> {
                    return new Health.Unhealthy(r.targetGroupArn(), r.port(), h.description());
                }
                case INITIAL -> pending = true;
                default -> { }
            }
        }
        return pending ? new Health.Pending() : new Health.Healthy();
    }

    /**
     * Makes every owner's registrations match {@code desired} (owner → targets; an owner with registrations missing
     * from the map should have none), in one store write: new targets are registered, targets no longer wanted
     * start draining. A target group that no longer exists is skipped.
     */
    public void sync(Map<String, Set<Target>> desired) {
        Instant now = clock.instant();
        List<Registration> owned = t.registrations().stream().filter(r -> r.owner() != null).toList();
        Set<String> owners = new HashSet<>(desired.keySet());
        owned.forEach(r -> owners.add(r.owner()));
        boolean changes = false;
        for (String owner : owners) {
            Set<Target> want = desired.getOrDefault(owner, Set.of());
            Set<Target> have = owned.stream().filter(r -> owner.equals(r.owner()) && !r.deregistering())
                    .map(r -> new Target(r.targetGroupArn(), r.id(), r.port())).collect(Collectors.toSet());
            if (!want.equals(have)) {
                changes = true;
                break;
            }
        }
        if (!changes) {
            return;
        }
        t.store().write(tx -> {
            for (String owner : owners) {
                Set<Target> want = desired.getOrDefault(owner, Set.of());
                for (Registration r : tx.stream(t.registrations()).filter(r -> owner.equals(r.owner())).toList()) {
                    if (!r.deregistering() && !want.contains(new Target(r.targetGroupArn(), r.id(), r.port()))) {
                        tx.put(t.registrations(), r.deregistered(now));
                    }
                }
                for (Target target : want) {
                    var g = tx.get(t.targetGroups(), target.targetGroupArn());
                    var r = tx.get(t.registrations(), Registration.key(target.targetGroupArn(), target.id(),
                            target.port()));
                    if (g.isPresent() && (r.isEmpty() || r.get().deregistering())) {
                        tx.put(t.registrations(), new Registration(target.targetGroupArn(), target.id(),
                                target.port(), r.map(Registration::availabilityZone).orElse(null), now, null, owner));
                    }
                }
            }
            return null;
        });
    }

    /**
     * Whether the owner is out of every target group: nothing of it is registered, and whatever it had has drained for
     * its group's deregistration delay.
     */
    public boolean drained(String owner) {
        Instant now = clock.instant();
        var s = t.store().snapshot();
        return s.stream(t.registrations()).filter(r -> owner.equals(r.owner())).noneMatch(r -> {
            if (!r.deregistering()) {
                return true;
            }
            var g = s.get(t.targetGroups(), r.targetGroupArn());
            return g.isPresent() && r.present(now, TargetOperations.delay(g.get()));
        });
    }
}
