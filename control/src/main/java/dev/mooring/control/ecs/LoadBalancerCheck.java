package dev.mooring.control.ecs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mooring.store.Tx;
import java.util.HashSet;
import java.util.Set;

/**
 * ECS's checks of a service's {@code loadBalancers} against Elastic Load Balancing and the task definition, with ECS's
 * error code and wording: the target group exists and a load balancer uses it, its type suits the network mode, and
 * the container and port exist.
 */
final class LoadBalancerCheck {
    /** ECS allows five target groups per service. */
    static final int MAX_TARGET_GROUPS = 5;

    private LoadBalancerCheck() {}

    static void check(Tx tx, LoadBalancing catalog, JsonNode loadBalancers, TaskDefinition td) {
        if (loadBalancers == null || loadBalancers.isEmpty()) {
            return;
        }
        if (loadBalancers.size() > MAX_TARGET_GROUPS) {
            throw Errors.invalid("A service can have at most " + MAX_TARGET_GROUPS + " load balancer target groups.");
        }
        Set<String> seen = new HashSet<>();
        for (JsonNode lb : loadBalancers) {
            if (lb.hasNonNull("loadBalancerName")) {
                throw Errors.invalid("loadBalancerName names a Classic Load Balancer, which Mooring does not serve;"
                        + " give the targetGroupArn of an Application Load Balancer target group instead.");
            }
            String arn = text(lb, "targetGroupArn");
            if (arn == null) {
                throw Errors.invalid("loadBalancers[].targetGroupArn is required.");
            }
            String container = text(lb, "containerName");
            if (container == null || !lb.path("containerPort").isInt()) {
                throw Errors.invalid("loadBalancers[].containerName and containerPort are required for target group "
                        + arn + ".");
            }
            int port = lb.path("containerPort").asInt();
            var tg = catalog.targetGroup(tx, arn).orElseThrow(() -> Errors.invalid("The target group with targetGroupArn "
                    + arn + " does not exist."));
            if (!tg.hasLoadBalancer()) {
                throw Errors.invalid("The target group with targetGroupArn " + arn
                        + " does not have an associated load balancer.");
            }
            String mode = td.networkMode() == null ? "bridge" : td.networkMode();
            if (mode.equals("awsvpc") && !tg.targetType().equals("ip")) {
                throw Errors.invalid("The provided target group " + arn + " has target type " + tg.targetType()
                        + ", which is incompatible with the awsvpc network mode specified in the task definition.");
            }
            ContainerDefinition c = td.containerDefinitions().stream().filter(x -> container.equals(x.name()))
                    .findFirst().orElseThrow(() -> Errors.invalid("The container " + container
                            + " does not exist in the task definition."));
            boolean hasPort = c.portMappings() != null && c.portMappings().stream()
                    .anyMatch(m -> m.containerPort() != null && m.containerPort() == port);
            if (!hasPort) {
                throw Errors.invalid("The container " + container + " did not have a container port " + port
                        + " defined.");
            }
            if (!seen.add(arn + "|" + container + "|" + port)) {
                throw Errors.invalid("The target group " + arn + " is given twice for container " + container
                        + " port " + port + ".");
            }
        }
    }

    private static String text(JsonNode node, String member) {
        JsonNode v = node.get(member);
        return v == null || !v.isTextual() || v.asText().isEmpty() ? null : v.asText();
    }
}
