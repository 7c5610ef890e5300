package dev.mooring.control.ecs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.mooring.core.operation.RequestContext;
import dev.mooring.core.operation.ServiceException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Capacity providers and container instances as a Fargate-only ECS has them: the built-in FARGATE and FARGATE_SPOT
 * providers exist in every region, there are no EC2 instances, so there is no Auto Scaling group provider to create
 * and no container instance to list.
 */
final class CapacityProviders {
    static final List<String> BUILT_IN = List.of("FARGATE", "FARGATE_SPOT");

    private final EcsState ecs;

    CapacityProviders(EcsState ecs) {
        this.ecs = ecs;
    }

    static void requireBuiltIn(String provider) {
        if (!BUILT_IN.contains(provider)) {
            throw Errors.invalid("The specified capacity provider '" + provider + "' does not exist: Mooring has"
                    + " only FARGATE and FARGATE_SPOT.");
        }
    }

    /** A strategy's items: a provider of {@code allowed}, weight 0–1000, base 0–100000 (ECS model). */
    static void validateStrategy(ArrayNode strategy, List<String> allowed, String member) {
        if (strategy == null) {
            return;
        }
        for (JsonNode item : strategy) {
            String provider = Validation.require(item.path("capacityProvider").textValue(),
                    member + ".capacityProvider");
            if (!allowed.contains(provider)) {
                throw Errors.invalid("The specified capacity provider strategy cannot contain a capacity provider"
                        + " that is not associated with the cluster: '" + provider + "'.");
            }
            int weight = item.path("weight").asInt(0);
            int base = item.path("base").asInt(0);
            if (weight < 0 || weight > 1000 || base < 0 || base > 100000) {
                throw Errors.invalid(member + " for " + provider + ": weight is 0-1000 and base 0-100000.");
            }
        }
    }

    /** Where a task runs: a launch type, or the provider a strategy picks (its highest weight) on Fargate. */
    record Launch(String launchType, String capacityProvider, ArrayNode strategy) {}

    /**
     * RunTask's and CreateService's launch: the launch type given; else the strategy given, else the cluster's
     * default strategy; else EC2, as AWS reports for a cluster without capacity providers.
     */
    static Launch launch(String launchType, ArrayNode strategy, Cluster cluster) {
        if (launchType != null && strategy != null && !strategy.isEmpty()) {
            throw Errors.invalid("Specifying both a launch type and capacity provider strategy is not supported."
                    + " Remove one and try again.");
        }
        if (launchType != null) {
            return new Launch(launchType, null, null);
        }
        JsonNode chosen = strategy != null && !strategy.isEmpty() ? strategy
                : cluster.defaultCapacityProviderStrategy();
        if (!(chosen instanceof ArrayNode items) || items.isEmpty()) {
            return new Launch("EC2", null, null);
        }
        validateStrategy(items, BUILT_IN, "capacityProviderStrategy");
        return new Launch("FARGATE", Deployment.providerOf(items), items);
    }

    Responses.DescribeCapacityProviders describe(RequestContext ctx, Requests.DescribeCapacityProviders in) {
        boolean withTags = Validation.include(in.include(), Set.of("TAGS")).contains("TAGS");
        if (in.cluster() != null) {
            ecs.resolver().activeCluster(null, ctx, in.cluster());
        }
        List<String> refs = in.capacityProviders() == null || in.capacityProviders().isEmpty() ? BUILT_IN
                : in.capacityProviders();
        Validation.maxItems(refs, 100, "capacityProviders");
        List<Responses.CapacityProvider> found = new ArrayList<>();
        List<Failure> failures = new ArrayList<>();
        for (String ref : refs) {
            String name = Arns.lastSegment(ref);
            String arn = Arns.prefix(ctx) + "capacity-provider/" + name;
            if (BUILT_IN.contains(name)) {
                found.add(new Responses.CapacityProvider(arn, name, "ACTIVE", withTags ? List.of() : null));
            } else {
                failures.add(Failure.missing(arn));
            }
        }
        return new Responses.DescribeCapacityProviders(found, failures, null);
    }

    /** Create, Update and DeleteCapacityProvider: there are no instances for an Auto Scaling group provider. */
    Object refuse(RequestContext ctx, Requests.CapacityProviderChange in) {
        throw new ServiceException("UnsupportedFeatureException", "Mooring runs tasks as Fargate does and has no"
                + " EC2 instances: only the built-in FARGATE and FARGATE_SPOT capacity providers exist, and they"
                + " cannot be created, updated or deleted.");
    }

    Responses.ListContainerInstances listContainerInstances(RequestContext ctx, Requests.ListContainerInstances in) {
        ecs.resolver().activeCluster(null, ctx, in.cluster());
        Validation.oneOf(in.status(), Set.of("ACTIVE", "DRAINING", "REGISTERING", "DEREGISTERING",
                "REGISTRATION_FAILED"), "status");
        return new Responses.ListContainerInstances(List.of(), null);
    }

    Responses.DescribeContainerInstances describeContainerInstances(RequestContext ctx,
                                                                   Requests.DescribeContainerInstances in) {
        List<String> refs = Validation.require(in.containerInstances(), "containerInstances");
        Validation.maxItems(refs, 100, "containerInstances");
        Validation.include(in.include(), Set.of("TAGS", "CONTAINER_INSTANCE_HEALTH"));
        Cluster cluster = ecs.resolver().activeCluster(null, ctx, in.cluster());
        List<Failure> failures = refs.stream().map(ref -> Failure.missing(ref.startsWith("arn:") ? ref
                : Arns.prefix(ctx) + "container-instance/" + cluster.clusterName() + "/" + ref)).toList();
        return new Responses.DescribeContainerInstances(List.of(), failures);
    }
}
