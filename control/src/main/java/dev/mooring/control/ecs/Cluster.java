package dev.mooring.control.ecs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.mooring.control.Tag;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * An ECS cluster (spec §2.2 "Cluster"). The counts and tags are filled in when answering, never stored; members
 * Mooring does not act on are kept as the client sent them. {@code deletedAt} is Mooring's own (how long an INACTIVE
 * cluster stays listed) and never part of an answer.
 */
public record Cluster(String clusterArn, String clusterName, JsonNode configuration, String status,
                      Integer registeredContainerInstancesCount, Integer runningTasksCount, Integer pendingTasksCount,
                      Integer activeServicesCount, List<KeyValuePair> statistics, List<Tag> tags, JsonNode settings,
                      List<String> capacityProviders, JsonNode defaultCapacityProviderStrategy,
                      List<Task.Attachment> attachments, String attachmentsStatus,
                      ServiceConnectDefaults serviceConnectDefaults, Instant deletedAt) {

    public static final String ACTIVE = "ACTIVE";
    public static final String INACTIVE = "INACTIVE";

    /** Cluster.serviceConnectDefaults; {@code namespace} is the namespace ARN once resolved (spec §4.2). */
    public record ServiceConnectDefaults(String namespace) {}

    /** The cluster as DeleteCluster leaves it: INACTIVE since {@code at}. */
    public Cluster deleted(Instant at) {
        return new Cluster(clusterArn, clusterName, configuration, INACTIVE, null, null, null, null, null,
                null, settings, capacityProviders, defaultCapacityProviderStrategy, attachments, attachmentsStatus,
                serviceConnectDefaults, at);
    }

    /** A copy with other settings and capacity providers (UpdateClusterSettings, PutClusterCapacityProviders). */
    public Cluster with(JsonNode newSettings, List<String> newCapacityProviders, JsonNode newStrategy) {
        return new Cluster(clusterArn, clusterName, configuration, status, null, null, null, null, null,
                null, newSettings, newCapacityProviders, newStrategy, attachments, attachmentsStatus,
                serviceConnectDefaults, deletedAt);
    }

    /**
     * The cluster as an answer shows it: the counts always; configuration, settings (containerInsights
     * {@code disabled} when never set), statistics, tags and attachments only when {@code include} names them, as
     * DescribeClusters' {@code include} documents (spec §3.1).
     */
    public Cluster described(int running, int pending, int activeServices, Set<String> include,
                             List<KeyValuePair> withStatistics, List<Tag> withTags) {
        boolean attached = include.contains("ATTACHMENTS");
        return new Cluster(clusterArn, clusterName, include.contains("CONFIGURATIONS") ? configuration : null, status,
                0, running, pending, activeServices, include.contains("STATISTICS") ? withStatistics : null,
                include.contains("TAGS") ? withTags : null, include.contains("SETTINGS") ? settingsOrDefault() : null,
                capacityProviders, defaultCapacityProviderStrategy, attached ? attachments : null,
                attached ? attachmentsStatus : null, serviceConnectDefaults, null);
    }

    private JsonNode settingsOrDefault() {
        if (settings != null && !settings.isEmpty()) {
            return settings;
        }
        ArrayNode defaults = JsonNodeFactory.instance.arrayNode();
        defaults.addObject().put("name", "containerInsights").put("value", "disabled");
        return defaults;
    }
}
