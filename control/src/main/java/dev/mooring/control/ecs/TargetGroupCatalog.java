package dev.mooring.control.ecs;

import dev.mooring.store.Tx;
import java.util.Optional;

/**
 * What ECS needs to know of Elastic Load Balancing to check a service's {@code loadBalancers}: a target group's type,
 * port and whether a load balancer uses it, read inside the same store write as the service change. The server
 * provides it from the {@code elb} module; without one, every target group is unknown.
 */
@FunctionalInterface
public interface TargetGroupCatalog {
    /** A target group as ECS sees it. */
    record TargetGroupRef(String arn, String targetType, int port, boolean hasLoadBalancer) {}

    Optional<TargetGroupRef> find(Tx tx, String targetGroupArn);

    TargetGroupCatalog NONE = (tx, arn) -> Optional.empty();
}
