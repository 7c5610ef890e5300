package dev.mooring.elb.shape;

import java.util.List;

/** A listener rule as DescribeRules answers it; the default rule has priority {@code default}. */
public record Rule(String ruleArn, String priority, List<RuleCondition> conditions, List<Action> actions, Boolean isDefault) {}
