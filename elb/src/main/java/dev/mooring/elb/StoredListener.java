package dev.mooring.elb;

import dev.mooring.elb.shape.Listener;
import dev.mooring.elb.shape.Tag;
import java.util.List;

/** A listener, the ARN of its default rule (which carries its default actions), and its tags. */
public record StoredListener(Listener listener, String defaultRuleArn, List<Tag> tags) {
    public StoredListener {
        tags = List.copyOf(tags);
    }

    public String arn() {
        return listener.listenerArn();
    }
}
