package dev.mooring.elb.shape;

import java.util.List;

/** One condition of a rule: a field and the values it matches. */
public record RuleCondition(String field, List<String> values, ValuesConfig hostHeaderConfig, ValuesConfig pathPatternConfig, ValuesConfig httpRequestMethodConfig) {}
