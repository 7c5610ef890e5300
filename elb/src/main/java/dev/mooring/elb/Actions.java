package dev.mooring.elb;

import dev.mooring.elb.shape.Action;
import dev.mooring.elb.shape.ActionType;
import dev.mooring.elb.shape.FixedResponseActionConfig;
import dev.mooring.elb.shape.ForwardActionConfig;
import dev.mooring.elb.shape.RedirectActionConfig;
import dev.mooring.elb.shape.RuleCondition;
import dev.mooring.elb.shape.TargetGroupStickinessConfig;
import dev.mooring.elb.shape.TargetGroupTuple;
import dev.mooring.elb.shape.ValuesConfig;
import dev.mooring.store.Tx;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks and normalises listener and rule actions and rule conditions as ALB does: one final action (forward, redirect
 * or fixed-response), forward actions answered with both {@code TargetGroupArn} and {@code ForwardConfig}, conditions
 * answered with both {@code Values} and the field's config.
 */
final class Actions {
    private static final Set<String> CONTENT_TYPES = Set.of("text/plain", "text/css", "text/html",
            "application/javascript", "application/json");
    private static final Pattern STATUS = Pattern.compile("[245]\\d\\d");
    /** ALB allows five condition values per rule in total. */
    private static final int MAX_CONDITION_VALUES = 5;
    static final Set<String> FIELDS = Set.of("path-pattern", "host-header", "http-request-method");

    private Actions() {}

    /**
     * {@code actions} checked against the target groups in {@code tx} and normalised. A target group may serve only
     * one load balancer ({@code TargetGroupAssociationLimit} otherwise).
     */
    static List<Action> valid(Tx tx, ElbTables t, List<Action> actions, String loadBalancerArn, String member) {
        Errors.required(actions, member);
        if (actions.isEmpty()) {
            throw Errors.validation("At least one action must be specified in " + member);
        }
        List<Action> out = new ArrayList<>();
        Set<Integer> orders = new HashSet<>();
        int order = 0;
        for (Action a : actions) {
            ActionType type = Errors.required(a.type(), "Type");
            Integer o = a.order();
            if (o != null) {
                Errors.range(o, "Order", 1, 50000);
                if (!orders.add(o)) {
                    throw Errors.validation("Action orders must be unique; " + o + " is given twice");
                }
            }
            order++;
            out.add(switch (type) {
                case FORWARD -> forward(tx, t, a, loadBalancerArn);
                case REDIRECT -> redirect(a);
                case FIXED_RESPONSE -> fixed(a);
                case AUTHENTICATE_OIDC, AUTHENTICATE_COGNITO -> throw Errors.of("InvalidLoadBalancerAction",
                        "Action type '" + type.wire() + "' needs an HTTPS listener and an identity provider;"
                                + " Mooring does not emulate them");
            });
        }
        if (out.size() > 1) {
            throw Errors.of("InvalidLoadBalancerAction", "Mooring's listeners take one action per rule (forward,"
                    + " redirect or fixed-response); got " + out.size());
        }
        return out;
    }

    private static Action forward(Tx tx, ElbTables t, Action a, String loadBalancerArn) {
        List<TargetGroupTuple> groups = new ArrayList<>();
        if (a.forwardConfig() != null && a.forwardConfig().targetGroups() != null) {
            groups.addAll(a.forwardConfig().targetGroups());
        }
        if (a.targetGroupArn() != null && !a.targetGroupArn().isEmpty()) {
            if (!groups.isEmpty() && (groups.size() != 1
                    || !groups.getFirst().targetGroupArn().equals(a.targetGroupArn()))) {
                throw Errors.validation("You cannot specify both a target group ARN and a forward config with"
                        + " other target groups");
            }
            if (groups.isEmpty()) {
                groups.add(new TargetGroupTuple(a.targetGroupArn(), 1));
            }
        }
        if (groups.isEmpty()) {
            throw Errors.validation("A forward action needs a target group ARN or a forward config");
        }
        if (groups.size() > 5) {
            throw Errors.validation("A forward action can have at most 5 target groups");
        }
        List<TargetGroupTuple> normal = new ArrayList<>();
        for (TargetGroupTuple g : groups) {
            String arn = Errors.required(g.targetGroupArn(), "TargetGroupArn");
            if (tx.get(t.targetGroups(), arn).isEmpty()) {
                throw Errors.targetGroupNotFound("'" + arn + "'");
            }
            var others = TargetGroupOperations.users(tx.stream(t.listeners()), tx.stream(t.rules()), arn);
            others.remove(loadBalancerArn);
            if (!others.isEmpty()) {
                throw Errors.of("TargetGroupAssociationLimit", "The following target groups cannot be associated"
                        + " with more than one load balancer: " + arn);
            }
            int weight = g.weight() == null ? 1 : Errors.range(g.weight(), "Weight", 0, 999);
            normal.add(new TargetGroupTuple(arn, weight));
        }
        TargetGroupStickinessConfig sticky = a.forwardConfig() != null
                && a.forwardConfig().targetGroupStickinessConfig() != null
                ? a.forwardConfig().targetGroupStickinessConfig() : new TargetGroupStickinessConfig(false, null);
        if (Boolean.TRUE.equals(sticky.enabled())) {
            throw Errors.validation("Target group stickiness is not supported by Mooring");
        }
        return new Action(ActionType.FORWARD, normal.size() == 1 ? normal.getFirst().targetGroupArn() : null,
                a.order(), null, null, new ForwardActionConfig(normal, new TargetGroupStickinessConfig(false, null)));
    }

    private static Action redirect(Action a) {
        RedirectActionConfig r = Errors.required(a.redirectConfig(), "RedirectConfig");
        Errors.required(r.statusCode(), "StatusCode");
        if (r.protocol() != null && !Set.of("HTTP", "HTTPS", "#{protocol}").contains(r.protocol())) {
            throw Errors.validation("Redirect protocol must be HTTP, HTTPS or #{protocol}");
        }
        RedirectActionConfig normal = new RedirectActionConfig(
                r.protocol() == null ? "#{protocol}" : r.protocol(), r.port() == null ? "#{port}" : r.port(),
                r.host() == null ? "#{host}" : r.host(), r.path() == null ? "/#{path}" : r.path(),
                r.query() == null ? "#{query}" : r.query(), r.statusCode());
        if (normal.equals(new RedirectActionConfig("#{protocol}", "#{port}", "#{host}", "/#{path}", "#{query}",
                r.statusCode()))) {
            throw Errors.of("InvalidLoadBalancerAction", "A redirect must change at least one of protocol, port,"
                    + " host, path or query, or it would loop");
        }
        return new Action(ActionType.REDIRECT, null, a.order(), normal, null, null);
    }

    private static Action fixed(Action a) {
        FixedResponseActionConfig f = Errors.required(a.fixedResponseConfig(), "FixedResponseConfig");
        String status = Errors.required(f.statusCode(), "StatusCode");
        if (!STATUS.matcher(status).matches()) {
            throw Errors.validation("Fixed response status code '" + status + "' must be 2XX, 4XX or 5XX");
        }
        if (f.contentType() != null && !CONTENT_TYPES.contains(f.contentType())) {
            throw Errors.validation("Fixed response content type must be one of " + CONTENT_TYPES);
        }
        if (f.messageBody() != null && f.messageBody().length() > 1024) {
            throw Errors.validation("Fixed response message body can be at most 1024 characters");
        }
        return new Action(ActionType.FIXED_RESPONSE, null, a.order(), null, f, null);
    }

    /** Rule conditions checked and given both their {@code Values} and their field's config. */
    static List<RuleCondition> conditions(List<RuleCondition> conditions) {
        Errors.required(conditions, "Conditions");
        if (conditions.isEmpty()) {
            throw Errors.validation("A rule needs at least one condition");
        }
        List<RuleCondition> out = new ArrayList<>();
        Set<String> fields = new HashSet<>();
        int values = 0;
        for (RuleCondition c : conditions) {
            String field = Errors.required(c.field(), "Field");
            if (!FIELDS.contains(field)) {
                throw Errors.validation("Condition field '" + field + "' is not supported; Mooring evaluates "
                        + FIELDS);
            }
            if (!fields.add(field)) {
                throw Errors.validation("Condition field '" + field + "' can be used only once per rule");
            }
            ValuesConfig config = switch (field) {
                case "path-pattern" -> c.pathPatternConfig();
                case "host-header" -> c.hostHeaderConfig();
                default -> c.httpRequestMethodConfig();
            };
            List<String> given = config != null && config.values() != null ? config.values() : c.values();
            if (config != null && c.values() != null && !c.values().isEmpty()) {
                throw Errors.validation("Specify condition values either in Values or in the field's config, not both");
            }
            if (given == null || given.isEmpty()) {
                throw Errors.validation("Condition '" + field + "' needs at least one value");
            }
            for (String v : given) {
                if (v == null || v.isEmpty() || v.length() > 128) {
                    throw Errors.validation("Condition values must be 1 to 128 characters");
                }
                if (field.equals("http-request-method") && !v.matches("[A-Z_-]+")) {
                    throw Errors.validation("HTTP request method '" + v + "' must be uppercase letters, '_' or '-'");
                }
            }
            values += given.size();
            ValuesConfig normal = new ValuesConfig(List.copyOf(given));
            out.add(switch (field) {
                case "path-pattern" -> new RuleCondition(field, List.copyOf(given), null, normal, null);
                case "host-header" -> new RuleCondition(field, List.copyOf(given), normal, null, null);
                default -> new RuleCondition(field, null, null, null, normal);
            });
        }
        if (values > MAX_CONDITION_VALUES) {
            throw Errors.validation("A rule can have at most " + MAX_CONDITION_VALUES + " condition values in total");
        }
        return out;
    }
}
