package dev.mooring.elb;

import dev.mooring.elb.shape.Rule;
import dev.mooring.elb.shape.Tag;
import java.util.List;

/**
 * A listener's non-default rule and its tags; its ARN begins with its listener's, so a listener's rules share a
 * prefix.
 */
public record StoredRule(Rule rule, String listenerArn, List<Tag> tags) {
    public StoredRule {
        tags = List.copyOf(tags);
    }

    public String arn() {
        return rule.ruleArn();
    }
}
