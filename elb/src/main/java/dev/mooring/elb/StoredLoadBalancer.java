package dev.mooring.elb;

import dev.mooring.elb.shape.LoadBalancer;
import dev.mooring.elb.shape.Tag;
import java.util.List;
import java.util.Map;

/**
 * A load balancer as the store keeps it: the API shape, the attributes set on it (defaults are not stored), tags, and
 * its address in the task network once it has one.
 */
public record StoredLoadBalancer(LoadBalancer loadBalancer, Map<String, String> attributes, List<Tag> tags,
                                 String address) {
    public StoredLoadBalancer {
        attributes = Map.copyOf(attributes);
        tags = List.copyOf(tags);
    }

    public StoredLoadBalancer with(LoadBalancer lb, Map<String, String> attributes, List<Tag> tags) {
        return new StoredLoadBalancer(lb, attributes, tags, address);
    }

    public String arn() {
        return loadBalancer.loadBalancerArn();
    }
}
