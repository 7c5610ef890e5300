package dev.mooring.elb;

import dev.mooring.core.operation.RequestContext;
import dev.mooring.elb.shape.Action;
import dev.mooring.elb.shape.Listener;
import dev.mooring.elb.shape.Protocol;
import dev.mooring.elb.shape.Rule;
import dev.mooring.store.Snapshot;
import dev.mooring.store.Tx;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Listeners and their rules. Each listener has a default rule, which carries its default actions and cannot be
 * deleted; the other rules are evaluated by priority (1 first).
 */
final class ListenerOperations {
    static final String DEFAULT_PRIORITY = "default";
    private static final int MAX_LISTENERS = 50;
    private static final int MAX_RULES = 100;

    private final ElbTables t;

    ListenerOperations(ElbTables tables) {
        this.t = tables;
    }

    private static Protocol protocol(Protocol p) {
        Protocol protocol = Errors.required(p, "Protocol");
        if (protocol == Protocol.HTTPS) {
            throw Errors.validation("HTTPS listeners are not supported: Mooring does not terminate TLS; use HTTP");
        }
        if (protocol != Protocol.HTTP) {
            throw Errors.of("UnsupportedProtocol", "Protocol '" + protocol.wire()
                    + "' is not supported for load balancers of type 'application'");
        }
        return protocol;
    }

    Results.Listeners create(RequestContext ctx, Requests.CreateListener in) {
        String lbArn = Errors.required(in.loadBalancerArn(), "LoadBalancerArn");
        Protocol protocol = protocol(in.protocol());
        int port = Errors.range(Errors.required(in.port(), "Port"), "Port", 1, 65535);
        if (in.certificates() != null && !in.certificates().isEmpty()) {
            throw Errors.validation("Certificates cannot be given to an HTTP listener");
        }
        var tags = Tags.valid(in.tags());
        return t.store().write(tx -> {
            if (tx.get(t.loadBalancers(), lbArn).isEmpty()) {
                throw Errors.loadBalancerNotFound("'" + lbArn + "'");
            }
            List<Action> actions = Actions.valid(tx, t, in.defaultActions(), lbArn, "DefaultActions");
            List<StoredListener> siblings = tx.stream(t.listeners())
                    .filter(l -> l.arn().startsWith(Arns.listenersOf(lbArn))).toList();
            for (StoredListener l : siblings) {
                if (l.listener().port() == port) {
                    if (l.listener().protocol() == protocol && l.listener().defaultActions().equals(actions)) {
                        return new Results.Listeners(List.of(l.listener()), null); // same settings: idempotent
                    }
                    throw Errors.of("DuplicateListener", "A listener already exists on port " + port
                            + " of load balancer '" + lbArn + "'");
                }
            }
            if (siblings.size() >= MAX_LISTENERS) {
                throw Errors.of("TooManyListeners", "A load balancer can have at most " + MAX_LISTENERS + " listeners");
            }
            String arn = Arns.listener(lbArn);
            Listener listener = new Listener(arn, lbArn, port, protocol, null, null, actions);
            tx.put(t.listeners(), new StoredListener(listener, Arns.rule(arn), tags));
            return new Results.Listeners(List.of(listener), null);
        });
    }

    Results.Listeners describe(RequestContext ctx, Requests.DescribeListeners in) {
        boolean byArn = in.listenerArns() != null && !in.listenerArns().isEmpty();
        if (byArn == (in.loadBalancerArn() != null)) {
            throw Errors.validation("Specify either a load balancer ARN or listener ARNs");
        }
        Snapshot s = t.store().snapshot();
        List<Listener> chosen = new ArrayList<>();
        if (byArn) {
            for (String arn : in.listenerArns()) {
                chosen.add(s.get(t.listeners(), arn).orElseThrow(() -> Errors.listenerNotFound("'" + arn + "'"))
                        .listener());
            }
        } else {
            if (s.get(t.loadBalancers(), in.loadBalancerArn()).isEmpty()) {
                throw Errors.loadBalancerNotFound("'" + in.loadBalancerArn() + "'");
            }
            s.withPrefix(t.listeners(), Arns.listenersOf(in.loadBalancerArn()))
                    .forEach(l -> chosen.add(l.listener()));
        }
        List<Listener> sorted = chosen.stream().distinct().sorted(Comparator.comparing(Listener::listenerArn)).toList();
        Paging<Listener> page = Paging.of(sorted, Listener::listenerArn, in.marker(), in.pageSize());
        return new Results.Listeners(page.items(), page.nextMarker());
    }

    Object delete(RequestContext ctx, Requests.DeleteListener in) {
        String arn = Errors.required(in.listenerArn(), "ListenerArn");
        t.store().write(tx -> {
            if (tx.get(t.listeners(), arn).isEmpty()) {
                throw Errors.listenerNotFound("'" + arn + "'");
            }
            tx.stream(t.rules()).filter(r -> r.arn().startsWith(Arns.rulesOf(arn))).toList()
                    .forEach(r -> tx.delete(t.rules(), r.arn()));
            tx.delete(t.listeners(), arn);
            return null;
        });
        return null;
    }

    Results.Listeners modify(RequestContext ctx, Requests.ModifyListener in) {
        String arn = Errors.required(in.listenerArn(), "ListenerArn");
        return t.store().write(tx -> {
            StoredListener l = tx.get(t.listeners(), arn).orElseThrow(() -> Errors.listenerNotFound("'" + arn + "'"));
            Listener old = l.listener();
            Protocol protocol = in.protocol() == null ? old.protocol() : protocol(in.protocol());
            int port = in.port() == null ? old.port() : Errors.range(in.port(), "Port", 1, 65535);
            if (in.certificates() != null && !in.certificates().isEmpty()) {
                throw Errors.validation("Certificates cannot be given to an HTTP listener");
            }
            if (port != old.port() && tx.stream(t.listeners()).anyMatch(o -> !o.arn().equals(arn)
                    && o.arn().startsWith(Arns.listenersOf(old.loadBalancerArn())) && o.listener().port() == port)) {
                throw Errors.of("DuplicateListener", "A listener already exists on port " + port
                        + " of load balancer '" + old.loadBalancerArn() + "'");
            }
            List<Action> actions = in.defaultActions() == null ? old.defaultActions()
                    : Actions.valid(tx, t, in.defaultActions(), old.loadBalancerArn(), "DefaultActions");
            Listener next = new Listener(arn, old.loadBalancerArn(), port, protocol, null, null, actions);
            tx.put(t.listeners(), new StoredListener(next, l.defaultRuleArn(), l.tags()));
            return new Results.Listeners(List.of(next), null);
        });
    }

    Results.Rules createRule(RequestContext ctx, Requests.CreateRule in) {
        String listenerArn = Errors.required(in.listenerArn(), "ListenerArn");
        int priority = Errors.range(Errors.required(in.priority(), "Priority"), "Priority", 1, 50000);
        var conditions = Actions.conditions(in.conditions());
        var tags = Tags.valid(in.tags());
        return t.store().write(tx -> {
            StoredListener l = tx.get(t.listeners(), listenerArn)
                    .orElseThrow(() -> Errors.listenerNotFound("'" + listenerArn + "'"));
            List<Action> actions = Actions.valid(tx, t, in.actions(), l.listener().loadBalancerArn(), "Actions");
            List<StoredRule> siblings = rulesOf(tx, listenerArn);
            if (siblings.stream().anyMatch(r -> r.rule().priority().equals(Integer.toString(priority)))) {
                throw Errors.of("PriorityInUse", "Priority '" + priority + "' is currently in use");
            }
            if (siblings.size() + 1 >= MAX_RULES) {
                throw Errors.of("TooManyRules", "A listener can have at most " + MAX_RULES + " rules");
            }
            Rule rule = new Rule(Arns.rule(listenerArn), Integer.toString(priority), conditions, actions, false);
            tx.put(t.rules(), new StoredRule(rule, listenerArn, tags));
            return new Results.Rules(List.of(rule), null);
        });
    }

    private List<StoredRule> rulesOf(Tx tx, String listenerArn) {
        return tx.stream(t.rules()).filter(r -> r.arn().startsWith(Arns.rulesOf(listenerArn))).toList();
    }

    /** A listener's default rule, made from its default actions. */
    static Rule defaultRule(StoredListener l) {
        return new Rule(l.defaultRuleArn(), DEFAULT_PRIORITY, List.of(), l.listener().defaultActions(), true);
    }

    /** A listener's rules in evaluation order: by priority, the default rule last. */
    static List<Rule> rulesInOrder(StoredListener l, List<StoredRule> rules) {
        List<Rule> out = new ArrayList<>(rules.stream().map(StoredRule::rule)
                .sorted(Comparator.comparingInt(r -> Integer.parseInt(r.priority()))).toList());
        out.add(defaultRule(l));
        return out;
    }

    Results.Rules describeRules(RequestContext ctx, Requests.DescribeRules in) {
        boolean byArn = in.ruleArns() != null && !in.ruleArns().isEmpty();
        if (byArn == (in.listenerArn() != null)) {
            throw Errors.validation("Specify either a listener ARN or rule ARNs");
        }
        Snapshot s = t.store().snapshot();
        List<Rule> chosen = new ArrayList<>();
        if (byArn) {
            for (String arn : in.ruleArns()) {
                chosen.add(findRule(s, arn).orElseThrow(() -> Errors.ruleNotFound("'" + arn + "'")));
            }
        } else {
            StoredListener l = s.get(t.listeners(), in.listenerArn())
                    .orElseThrow(() -> Errors.listenerNotFound("'" + in.listenerArn() + "'"));
            chosen.addAll(rulesInOrder(l, s.withPrefix(t.rules(), Arns.rulesOf(l.arn())).toList()));
        }
        // rules are listed in evaluation order, so the marker is a position rather than a key
        List<Rule> distinct = chosen.stream().distinct().toList();
        List<String> order = distinct.stream().map(Rule::ruleArn).toList();
        Paging<Rule> page = Paging.of(distinct, r -> String.format("%08d", order.indexOf(r.ruleArn())),
                in.marker(), in.pageSize());
        return new Results.Rules(page.items(), page.nextMarker());
    }

    /** A rule by ARN, the default rules of listeners included. */
    private java.util.Optional<Rule> findRule(Snapshot s, String arn) {
        var stored = s.get(t.rules(), arn).map(StoredRule::rule);
        if (stored.isPresent()) {
            return stored;
        }
        String listenerPrefix = arn.replaceFirst(":listener-rule/", ":listener/");
        String listenerArn = listenerPrefix.contains("/") ? listenerPrefix.substring(0, listenerPrefix.lastIndexOf('/'))
                : listenerPrefix;
        return s.get(t.listeners(), listenerArn).filter(l -> l.defaultRuleArn().equals(arn))
                .map(ListenerOperations::defaultRule);
    }

    boolean isDefaultRule(Snapshot s, String arn) {
        return s.get(t.rules(), arn).isEmpty() && findRule(s, arn).isPresent();
    }

    Object deleteRule(RequestContext ctx, Requests.DeleteRule in) {
        String arn = Errors.required(in.ruleArn(), "RuleArn");
        t.store().write(tx -> {
            if (tx.get(t.rules(), arn).isEmpty()) {
                if (isDefaultRule(t.store().snapshot(), arn)) {
                    throw Errors.of("OperationNotPermitted", "The default rule of a listener cannot be deleted;"
                            + " delete the listener instead");
                }
                throw Errors.ruleNotFound("'" + arn + "'");
            }
            tx.delete(t.rules(), arn);
            return null;
        });
        return null;
    }

    Results.Rules modifyRule(RequestContext ctx, Requests.ModifyRule in) {
        String arn = Errors.required(in.ruleArn(), "RuleArn");
        return t.store().write(tx -> {
            StoredRule r = tx.get(t.rules(), arn).orElseThrow(() -> isDefaultRule(t.store().snapshot(), arn)
                    ? Errors.of("OperationNotPermitted", "Modify a listener's default actions with ModifyListener")
                    : Errors.ruleNotFound("'" + arn + "'"));
            String lbArn = Arns.loadBalancerOf(arn);
            var conditions = in.conditions() == null ? r.rule().conditions() : Actions.conditions(in.conditions());
            var actions = in.actions() == null ? r.rule().actions() : Actions.valid(tx, t, in.actions(), lbArn,
                    "Actions");
            Rule next = new Rule(arn, r.rule().priority(), conditions, actions, false);
            tx.put(t.rules(), new StoredRule(next, r.listenerArn(), r.tags()));
            return new Results.Rules(List.of(next), null);
        });
    }
}
