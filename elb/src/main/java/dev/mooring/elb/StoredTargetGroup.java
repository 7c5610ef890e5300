package dev.mooring.elb;

import dev.mooring.elb.shape.Tag;
import dev.mooring.elb.shape.TargetGroup;
import java.util.List;
import java.util.Map;

/**
 * A target group as the store keeps it. Its {@code LoadBalancerArns} are not stored: they follow from the listeners and
 * rules that forward to it, and are filled in when it is described.
 */
public record StoredTargetGroup(TargetGroup targetGroup, Map<String, String> attributes, List<Tag> tags) {
    public StoredTargetGroup {
        attributes = Map.copyOf(attributes);
        tags = List.copyOf(tags);
    }

    public String arn() {
        return targetGroup.targetGroupArn();
    }
}
