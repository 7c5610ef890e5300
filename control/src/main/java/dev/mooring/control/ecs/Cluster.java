package dev.mooring.control.ecs;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * An ECS cluster (spec §2.2 "Cluster"). The counts and tags are filled in when answering, never stored; members
 * Mooring does not act on are kept as the client sent them.
 */
public record Cluster(String clusterArn, String clusterName, JsonNode configuration, String status,
                      Integer registeredContainerInstancesCount, Integer runningTasksCount, Integer pendingTasksCount,
                      Integer activeServicesCount, List<KeyValuePair> statistics, List<Tag> tags, JsonNode settings,
                      List<String> capacityProviders, JsonNode defaultCapacityProviderStrategy,
                      List<Task.Attachment> attachments, String attachmentsStatus,
                      ServiceConnectDefaults serviceConnectDefaults) {

    public static final String ACTIVE = "ACTIVE";
    public static final String INACTIVE = "INACTIVE";

    /** Cluster.serviceConnectDefaults; {@code namespace} is the namespace ARN once resolved (spec §4.2). */
    public record ServiceConnectDefaults(String namespace) {}

    public Cluster withStatus(String newStatus) {
        return new Cluster(clusterArn, clusterName, configuration, newStatus, null, null, null, null, statistics,
                null, settings, capacityProviders, defaultCapacityProviderStrategy, attachments, attachmentsStatus,
                serviceConnectDefaults);
    }

    public Cluster withCounts(int running, int pending, int activeServices, List<Tag> withTags) {
        return new Cluster(clusterArn, clusterName, configuration, status, 0, running, pending, activeServices,
                statistics, withTags, settings, capacityProviders, defaultCapacityProviderStrategy, attachments,
                attachmentsStatus, serviceConnectDefaults);
    }
}
