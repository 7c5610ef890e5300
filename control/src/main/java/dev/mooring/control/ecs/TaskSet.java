package dev.mooring.control.ecs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mooring.control.Tag;
import java.time.Instant;
import java.util.List;

/**
 * A task set of a service with the EXTERNAL deployment controller: a deployment an outside controller drives. Its
 * tasks carry the task set's id as {@code startedBy}, and it keeps {@code computedDesiredCount} =
 * ceil(scale% × the service's desiredCount) of them running.
 */
public record TaskSet(String id, String taskSetArn, String serviceArn, String clusterArn, String startedBy,
                      String externalId, String status, String taskDefinition, Integer computedDesiredCount,
                      Integer pendingCount, Integer runningCount, Instant createdAt, Instant updatedAt,
                      String launchType, JsonNode capacityProviderStrategy, String platformVersion,
                      JsonNode networkConfiguration, JsonNode loadBalancers, JsonNode serviceRegistries, Scale scale,
                      String stabilityStatus, Instant stabilityStatusAt, List<Tag> tags) {

    public static final String PRIMARY = "PRIMARY";
    public static final String ACTIVE = "ACTIVE";
    public static final String DRAINING = "DRAINING";
    public static final String STEADY_STATE = "STEADY_STATE";
    public static final String STABILIZING = "STABILIZING";

    /** A percentage of the service's desiredCount; PERCENT is the only unit AWS has. */
    public record Scale(Double value, String unit) {
        public static final String PERCENT = "PERCENT";
    }

    /** The tasks this task set keeps for a service that wants {@code serviceDesired}; none while it drains. */
    public int desiredFor(int serviceDesired) {
        return DRAINING.equals(status) ? 0 : (int) Math.ceil(scale.value() * serviceDesired / 100.0 - 1e-9);
    }

    public TaskSet withStatus(String newStatus, Instant now) {
        return new TaskSet(id, taskSetArn, serviceArn, clusterArn, startedBy, externalId, newStatus, taskDefinition,
                computedDesiredCount, pendingCount, runningCount, createdAt, now, launchType,
                capacityProviderStrategy, platformVersion, networkConfiguration, loadBalancers, serviceRegistries,
                scale, stabilityStatus, stabilityStatusAt, tags);
    }

    public TaskSet withScale(Scale newScale, int computed, Instant now) {
        return new TaskSet(id, taskSetArn, serviceArn, clusterArn, startedBy, externalId, status, taskDefinition,
                computed, pendingCount, runningCount, createdAt, now, launchType, capacityProviderStrategy,
                platformVersion, networkConfiguration, loadBalancers, serviceRegistries, newScale, stabilityStatus,
                stabilityStatusAt, tags);
    }

    public TaskSet withCounts(int desired, int pending, int running, Instant now) {
        boolean steady = running == desired && pending == 0;
        String stability = steady ? STEADY_STATE : STABILIZING;
        if (computedDesiredCount == desired && pendingCount == pending && runningCount == running
                && stability.equals(stabilityStatus)) {
            return this;
        }
        Instant at = stability.equals(stabilityStatus) ? stabilityStatusAt : now;
        return new TaskSet(id, taskSetArn, serviceArn, clusterArn, startedBy, externalId, status, taskDefinition,
                desired, pending, running, createdAt, now, launchType, capacityProviderStrategy, platformVersion,
                networkConfiguration, loadBalancers, serviceRegistries, scale, stability, at, tags);
    }

    public TaskSet withTags(List<Tag> newTags) {
        return new TaskSet(id, taskSetArn, serviceArn, clusterArn, startedBy, externalId, status, taskDefinition,
                computedDesiredCount, pendingCount, runningCount, createdAt, updatedAt, launchType,
                capacityProviderStrategy, platformVersion, networkConfiguration, loadBalancers, serviceRegistries,
                scale, stabilityStatus, stabilityStatusAt, newTags);
    }
}
