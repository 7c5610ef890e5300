package dev.mooring.elb;

import dev.mooring.elb.shape.LoadBalancer;
import dev.mooring.elb.shape.Tag;
import java.util.List;
import java.util.Map;

/** A load balancer as the store keeps it: the API shape, the attributes set on it (defaults are not stored), tags. */
public record StoredLoadBalancer(LoadBalancer loadBalancer, Map<String, String> attributes, List<Tag> tags) {
    public StoredLoadBalancer {
        attributes = Map.copyOf(attributes);
        tags = List.copyOf(tags);
    }

    public String arn() {
        return loadBalancer.loadBalancerArn();
    }
}
