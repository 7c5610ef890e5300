package dev.mooring.control.ecs;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/**
 * One deployment of a service (spec §2.2 "Deployment"). Service Connect lives here, not on the service (§4.3): each
 * deployment carries the configuration its tasks were started with and the Cloud Map services behind it.
 */
public record Deployment(String id, String status, String taskDefinition, Integer desiredCount, Integer pendingCount,
                         Integer runningCount, Integer failedTasks, Instant createdAt, Instant updatedAt,
                         JsonNode capacityProviderStrategy, String launchType, String platformVersion,
                         String platformFamily, JsonNode networkConfiguration, String rolloutState,
                         String rolloutStateReason, ServiceConnectConfiguration serviceConnectConfiguration,
                         List<ServiceConnectConfiguration.Resource> serviceConnectResources) {

    public static final String PRIMARY = "PRIMARY";
    public static final String ACTIVE = "ACTIVE";
    public static final String IN_PROGRESS = "IN_PROGRESS";
    public static final String COMPLETED = "COMPLETED";

    public Deployment withStatus(String newStatus, Instant now) {
        return new Deployment(id, newStatus, taskDefinition, desiredCount, pendingCount, runningCount, failedTasks,
                createdAt, now, capacityProviderStrategy, launchType, platformVersion, platformFamily,
                networkConfiguration, rolloutState, rolloutStateReason, serviceConnectConfiguration,
                serviceConnectResources);
    }

    public Deployment withCounts(int desired, int pending, int running, int failed, String rollout, String reason,
                                 Instant now) {
        boolean same = desiredCount == desired && pendingCount == pending && runningCount == running
                && failedTasks == failed && rollout.equals(rolloutState) && reason.equals(rolloutStateReason);
        return same ? this : new Deployment(id, status, taskDefinition, desired, pending, running, failed, createdAt,
                now, capacityProviderStrategy, launchType, platformVersion, platformFamily, networkConfiguration,
                rollout, reason, serviceConnectConfiguration, serviceConnectResources);
    }

    /** The capacity provider this deployment's tasks run on, or null without a strategy. */
    public String capacityProvider() {
        return providerOf(capacityProviderStrategy);
    }

    /** The provider a strategy places a task on: the highest {@code base}, then the highest {@code weight}. */
    public static String providerOf(JsonNode strategy) {
        if (strategy == null || strategy.isEmpty()) {
            return null;
        }
        JsonNode best = strategy.get(0);
        for (JsonNode item : strategy) {
            int base = item.path("base").asInt(0);
            int bestBase = best.path("base").asInt(0);
            if (base > bestBase || base == bestBase && item.path("weight").asInt(0) > best.path("weight").asInt(0)) {
                best = item;
            }
        }
        return best.path("capacityProvider").asText(null);
    }

    public List<ServiceConnectConfiguration.Resource> resourcesOrEmpty() {
        return serviceConnectResources == null ? List.of() : serviceConnectResources;
    }
}
