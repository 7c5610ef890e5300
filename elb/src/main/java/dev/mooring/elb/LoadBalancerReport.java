package dev.mooring.elb;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.mooring.core.json.Json;
import dev.mooring.elb.shape.Action;
import dev.mooring.elb.shape.TargetHealth;
import dev.mooring.store.Snapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What {@code mooring lb} shows: every load balancer of every region with its listeners, the target groups they use
 * and each target's health with its reason code, read from one snapshot.
 */
public record LoadBalancerReport(List<LoadBalancerLine> loadBalancers, List<TargetGroupLine> unusedTargetGroups) {

    /** The report as {@code GET /_mooring/lb} answers it and {@code mooring lb --json} prints it. */
    public String toJson() {
        try {
            return Json.store().writerWithDefaultPrettyPrinter().writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public record LoadBalancerLine(String name, String arn, String dnsName, String scheme, String state,
                                   String address, List<ListenerLine> listeners, List<TargetGroupLine> targetGroups) {}

    /** {@code loopback}: where an internet-facing listener answers on the host, or null. */
    public record ListenerLine(int port, String protocol, String defaultAction, List<String> rules, String loopback) {}

    public record TargetGroupLine(String name, String arn, int port, String healthCheck, List<TargetLine> targets) {}

    public record TargetLine(String id, int port, String state, String reason, String description) {}

    static LoadBalancerReport of(ElbTables t, TargetOperations targets, Instant now,
                                 java.util.function.Function<String, String> loopback) {
        Snapshot s = t.store().snapshot();
        List<LoadBalancerLine> lbs = new ArrayList<>();
        List<String> used = new ArrayList<>();
        for (StoredLoadBalancer lb : s.all(t.loadBalancers())) {
            List<ListenerLine> listeners = new ArrayList<>();
            List<StoredListener> ls = s.withPrefix(t.listeners(), Arns.listenersOf(lb.arn()))
                    .sorted(Comparator.comparingInt(l -> l.listener().port())).toList();
            for (StoredListener l : ls) {
                List<String> rules = ListenerOperations.rulesInOrder(l, s.withPrefix(t.rules(), Arns.rulesOf(l.arn()))
                        .toList()).stream().filter(r -> !Boolean.TRUE.equals(r.isDefault()))
                        .map(r -> r.priority() + ": " + r.conditions().stream()
                                .map(c -> c.field() + " " + String.join(",", c.values() != null ? c.values()
                                        : c.httpRequestMethodConfig().values()))
                                .collect(Collectors.joining(" and ")) + " -> " + action(s, t, r.actions().getFirst()))
                        .toList();
                listeners.add(new ListenerLine(l.listener().port(), l.listener().protocol().wire(),
                        action(s, t, l.listener().defaultActions().getFirst()), rules, loopback.apply(l.arn())));
            }
            List<TargetGroupLine> groups = new ArrayList<>();
            for (StoredTargetGroup g : s.all(t.targetGroups())) {
                if (TargetGroupOperations.users(s.stream(t.listeners()), s.stream(t.rules()), g.arn()).contains(lb.arn())) {
                    groups.add(line(s, t, targets, g, true, now));
                    used.add(g.arn());
                }
            }
            var shape = lb.loadBalancer();
            lbs.add(new LoadBalancerLine(shape.loadBalancerName(), lb.arn(), shape.dnsName(), shape.scheme().wire(),
                    shape.state().code().wire(), lb.address(), listeners, groups));
        }
        List<TargetGroupLine> unused = s.all(t.targetGroups()).stream().filter(g -> !used.contains(g.arn()))
                .map(g -> line(s, t, targets, g, false, now)).toList();
        return new LoadBalancerReport(lbs, unused);
    }

    private static String action(Snapshot s, ElbTables t, Action a) {
        return switch (a.type()) {
            case FORWARD -> "forward to " + TargetGroupOperations.forwardedTo(a)
                    .map(arn -> s.get(t.targetGroups(), arn).map(g -> g.targetGroup().targetGroupName()).orElse(arn))
                    .collect(Collectors.joining(", "));
            case REDIRECT -> "redirect " + a.redirectConfig().statusCode().wire();
            case FIXED_RESPONSE -> "fixed-response " + a.fixedResponseConfig().statusCode();
            default -> a.type().wire();
        };
    }

    private static TargetGroupLine line(Snapshot s, ElbTables t, TargetOperations targets, StoredTargetGroup g,
                                        boolean inUse, Instant now) {
        var tg = g.targetGroup();
        List<TargetLine> lines = s.withPrefix(t.registrations(), g.arn() + "|")
                .filter(r -> r.present(now, TargetOperations.delay(g))).map(r -> {
                    TargetHealth h = targets.health(g, inUse, r);
                    return new TargetLine(r.id(), r.port(), h.state().wire(), h.reason(), h.description());
                }).toList();
        String check = Boolean.TRUE.equals(tg.healthCheckEnabled())
                ? "HTTP " + tg.healthCheckPath() + " every " + tg.healthCheckIntervalSeconds() + "s, healthy after "
                        + tg.healthyThresholdCount() + ", unhealthy after " + tg.unhealthyThresholdCount()
                        + ", matcher " + tg.matcher().httpCode()
                : "disabled";
        return new TargetGroupLine(tg.targetGroupName(), g.arn(), tg.port(), check, lines);
    }
}
