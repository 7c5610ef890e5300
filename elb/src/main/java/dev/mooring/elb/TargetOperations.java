package dev.mooring.elb;

import dev.mooring.core.net.Ipv4Cidr;
import dev.mooring.core.operation.RequestContext;
import dev.mooring.elb.health.HealthChecks;
import dev.mooring.elb.health.Observation;
import dev.mooring.elb.health.TargetKey;
import dev.mooring.elb.shape.TargetDescription;
import dev.mooring.elb.shape.TargetGroup;
import dev.mooring.elb.shape.TargetHealth;
import dev.mooring.elb.shape.TargetHealthDescription;
import dev.mooring.elb.shape.TargetHealthState;
import dev.mooring.store.Snapshot;
import java.net.Inet4Address;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** RegisterTargets, DeregisterTargets and DescribeTargetHealth, and the health each target is reported in. */
final class TargetOperations {
    private static final int MAX_TARGETS = 1000;

    private final ElbTables t;
    private final HealthChecks health;
    private final List<Ipv4Cidr> targetNetworks;

    TargetOperations(ElbTables tables, HealthChecks health, List<Ipv4Cidr> targetNetworks) {
        this.t = tables;
        this.health = health;
        this.targetNetworks = List.copyOf(targetNetworks);
    }

    /** A target as given, its port defaulted to the group's and its address held to Mooring's own networks. */
    private TargetDescription target(TargetDescription d, TargetGroup g) {
        String id = Errors.required(d.id(), "Id");
        Inet4Address address;
        try {
            address = Inet4Address.ofLiteral(id);
        } catch (IllegalArgumentException e) {
            throw Errors.of("InvalidTarget", "The target '" + id + "' is not an IPv4 address; target groups of type"
                    + " 'ip' take IP addresses");
        }
        if (targetNetworks.stream().noneMatch(c -> c.contains(address))) {
            throw Errors.of("InvalidTarget", "The IP address '" + id + "' is outside Mooring's networks: targets"
                    + " must be in " + targetNetworks + " (the task network, or loopback)");
        }
        int port = d.port() == null ? g.port() : Errors.range(d.port(), "Port", 1, 65535);
        return new TargetDescription(id, port, d.availabilityZone());
    }

    private static List<TargetDescription> nonEmpty(List<TargetDescription> targets) {
        Errors.required(targets, "Targets");
        if (targets.isEmpty()) {
            throw Errors.validation("At least one target must be specified");
        }
        return targets;
    }

    Object register(RequestContext ctx, Requests.RegisterTargets in) {
        String arn = Errors.required(in.targetGroupArn(), "TargetGroupArn");
        List<TargetDescription> targets = nonEmpty(in.targets());
        t.store().write(tx -> {
            StoredTargetGroup g = TargetGroupOperations.existing(t, tx, arn);
            for (TargetDescription given : targets) {
                TargetDescription d = target(given, g.targetGroup());
                String key = Registration.key(arn, d.id(), d.port());
                var existing = tx.get(t.registrations(), key);
                if (existing.isPresent() && !existing.get().deregistering()) {
                    continue; // registering a registered target again changes nothing
                }
                String zone = d.availabilityZone() == null ? ctx.region() + "a" : d.availabilityZone();
                tx.put(t.registrations(), new Registration(arn, d.id(), d.port(), zone, ctx.receivedAt(), null, null));
            }
            if (tx.stream(t.registrations()).filter(r -> r.targetGroupArn().equals(arn)).count() > MAX_TARGETS) {
                throw Errors.of("TooManyTargets", "A target group can have at most " + MAX_TARGETS + " targets");
            }
            return null;
        });
        return null;
    }

    Object deregister(RequestContext ctx, Requests.DeregisterTargets in) {
        String arn = Errors.required(in.targetGroupArn(), "TargetGroupArn");
        List<TargetDescription> targets = nonEmpty(in.targets());
        t.store().write(tx -> {
            StoredTargetGroup g = TargetGroupOperations.existing(t, tx, arn);
            Duration delay = delay(g);
            List<String> missing = new ArrayList<>();
            for (TargetDescription given : targets) {
                TargetDescription d = target(given, g.targetGroup());
                var r = tx.get(t.registrations(), Registration.key(arn, d.id(), d.port()))
                        .filter(x -> x.present(ctx.receivedAt(), delay));
                if (r.isEmpty()) {
                    missing.add("'" + d.id() + ":" + d.port() + "'");
                } else if (!r.get().deregistering()) {
                    tx.put(t.registrations(), r.get().deregistered(ctx.receivedAt()));
                }
            }
            if (!missing.isEmpty()) {
                throw Errors.of("InvalidTarget", "The following targets are not registered in target group '"
                        + arn + "': " + String.join(", ", missing));
            }
            return null;
        });
        return null;
    }

    static Duration delay(StoredTargetGroup g) {
        return Duration.ofSeconds(Long.parseLong(Attributes.value(Attributes.TARGET_GROUP, g.attributes(),
                Attributes.DEREGISTRATION_DELAY)));
    }

    Results.TargetHealthDescriptions describe(RequestContext ctx, Requests.DescribeTargetHealth in) {
        String arn = Errors.required(in.targetGroupArn(), "TargetGroupArn");
        Snapshot s = t.store().snapshot();
        StoredTargetGroup g = s.get(t.targetGroups(), arn)
                .orElseThrow(() -> Errors.targetGroupNotFound("'" + arn + "'"));
        Instant now = ctx.receivedAt();
        boolean inUse = !TargetGroupOperations.users(s.stream(t.listeners()), s.stream(t.rules()), arn).isEmpty();
        List<Registration> present = s.withPrefix(t.registrations(), arn + "|")
                .filter(r -> r.present(now, delay(g))).sorted(Comparator.comparing(Registration::key)).toList();
        List<TargetHealthDescription> out = new ArrayList<>();
        if (in.targets() == null || in.targets().isEmpty()) {
            present.forEach(r -> out.add(describe(g, inUse, r)));
        } else {
            for (TargetDescription given : in.targets()) {
                TargetDescription d = target(given, g.targetGroup());
                Optional<Registration> r = present.stream()
                        .filter(x -> x.id().equals(d.id()) && x.port() == d.port()).findFirst();
                out.add(r.map(x -> describe(g, inUse, x)).orElseGet(() -> new TargetHealthDescription(d,
                        healthCheckPort(g.targetGroup(), d.port()), new TargetHealth(TargetHealthState.UNUSED,
                        "Target.NotRegistered", "Target is not registered to the target group"))));
            }
        }
        return new Results.TargetHealthDescriptions(out);
    }

    private static String healthCheckPort(TargetGroup g, int port) {
        return TargetGroupOperations.TRAFFIC_PORT.equals(g.healthCheckPort()) ? Integer.toString(port) : g.healthCheckPort();
    }

    private TargetHealthDescription describe(StoredTargetGroup g, boolean inUse, Registration r) {
        TargetDescription target = new TargetDescription(r.id(), r.port(), r.availabilityZone());
        return new TargetHealthDescription(target, healthCheckPort(g.targetGroup(), r.port()), health(g, inUse, r));
    }

    /**
     * The targets of a group that take new requests: the healthy ones, or, when none is healthy, every registered one
     * (ALB fails open); draining targets never.
     */
    List<java.net.InetSocketAddress> routable(Snapshot s, StoredTargetGroup g, Instant now) {
        boolean inUse = !TargetGroupOperations.users(s.stream(t.listeners()), s.stream(t.rules()), g.arn()).isEmpty();
        List<Registration> live = s.withPrefix(t.registrations(), g.arn() + "|").filter(r -> !r.deregistering())
                .toList();
        List<Registration> healthy = live.stream().filter(r -> {
            var state = health(g, inUse, r).state();
            return state == TargetHealthState.HEALTHY || state == TargetHealthState.UNAVAILABLE;
        }).toList();
        return (healthy.isEmpty() ? live : healthy).stream()
                .map(r -> new java.net.InetSocketAddress(r.id(), r.port())).toList();
    }

    /** HealthyHostCount and UnHealthyHostCount of a group: its registered targets in those two states. */
    int[] hostCounts(Snapshot s, StoredTargetGroup g) {
        boolean inUse = !TargetGroupOperations.users(s.stream(t.listeners()), s.stream(t.rules()), g.arn()).isEmpty();
        int[] counts = new int[2];
        s.withPrefix(t.registrations(), g.arn() + "|").forEach(r -> {
            var state = health(g, inUse, r).state();
            if (state == TargetHealthState.HEALTHY) {
                counts[0]++;
            } else if (state == TargetHealthState.UNHEALTHY) {
                counts[1]++;
            }
        });
        return counts;
    }

    /** The state ALB reports: draining, then not in use, then checks disabled, then what the checks observed. */
    TargetHealth health(StoredTargetGroup g, boolean inUse, Registration r) {
        if (r.deregistering()) {
            return new TargetHealth(TargetHealthState.DRAINING, "Target.DeregistrationInProgress",
                    "Target deregistration is in progress");
        }
        if (!inUse) {
            return new TargetHealth(TargetHealthState.UNUSED, "Target.NotInUse",
                    "Target group is not configured to receive traffic from the load balancer");
        }
        if (!Boolean.TRUE.equals(g.targetGroup().healthCheckEnabled())) {
            return new TargetHealth(TargetHealthState.UNAVAILABLE, "Target.HealthCheckDisabled",
                    "Health checks are disabled");
        }
        Observation o = health.observed(new TargetKey(r.targetGroupArn(), r.id(), r.port()))
                .orElse(Observation.INITIAL);
        if (o.state() == TargetHealthState.INITIAL) {
            return new TargetHealth(TargetHealthState.INITIAL, "Elb.RegistrationInProgress",
                    "Target registration is in progress");
        }
        return new TargetHealth(o.state(), o.reason(), o.description());
    }
}
