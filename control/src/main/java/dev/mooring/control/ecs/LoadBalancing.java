package dev.mooring.control.ecs;

import dev.mooring.store.Tx;
import java.util.Optional;

/**
 * What ECS needs of Elastic Load Balancing: a target group's type, port and whether a load balancer uses it (to check
 * a service's {@code loadBalancers} inside the same store write), how a task's targets fare in the health checks (a
 * task counts as healthy only when they pass, and is replaced when they fail), and whether a stopping task has drained
 * out of its target groups (so that it gets SIGTERM only after the deregistration delay, as on ECS). The server provides it from
 * the {@code elb} module; {@link #NONE} knows no target groups and holds no task back.
 */
public interface LoadBalancing {
    /** A target group as ECS sees it. */
    record TargetGroupRef(String arn, String targetType, int port, boolean hasLoadBalancer) {}

    Optional<TargetGroupRef> targetGroup(Tx tx, String targetGroupArn);

    /** How a task's targets fare in their target groups' health checks. */
    sealed interface TargetHealth {
        /** Registered, and every target passes (or is not checked). */
        record Healthy() implements TargetHealth {}

        /** Not registered yet, or not decided by a health check yet. */
        record Pending() implements TargetHealth {}

        /** A target fails its group's health checks: where, on which port, and ELB's description of why. */
        record Unhealthy(String targetGroupArn, int port, String reason) implements TargetHealth {}
    }

    TargetHealth targetHealth(String taskArn);

    /** Whether the task is out of every target group it was registered in (registered nowhere, or drained). */
    boolean drained(String taskArn);

    LoadBalancing NONE = new LoadBalancing() {
        @Override
        public Optional<TargetGroupRef> targetGroup(Tx tx, String targetGroupArn) {
            return Optional.empty();
        }

        @Override
        public boolean drained(String taskArn) {
            return true;
        }

        @Override
        public TargetHealth targetHealth(String taskArn) {
            return new TargetHealth.Pending();
        }
    };
}
