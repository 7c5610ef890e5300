package dev.mooring.control.ecs;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/** An ECS service (spec §2.2 "Service"); tags are filled in when answering, never stored here. */
public record Service(String serviceArn, String serviceName, String clusterArn, JsonNode loadBalancers,
                      List<ServiceRegistry> serviceRegistries, String status, Integer desiredCount,
                      Integer runningCount, Integer pendingCount, String launchType,
                      JsonNode capacityProviderStrategy, String platformVersion, String platformFamily,
                      String taskDefinition, DeploymentConfiguration deploymentConfiguration,
                      List<Deployment> deployments, String roleArn, List<ServiceEvent> events, Instant createdAt,
                      JsonNode placementConstraints, JsonNode placementStrategy, JsonNode networkConfiguration,
                      Integer healthCheckGracePeriodSeconds, String schedulingStrategy,
                      JsonNode deploymentController, List<Tag> tags, String createdBy, Boolean enableECSManagedTags,
                      String propagateTags, Boolean enableExecuteCommand, String availabilityZoneRebalancing) {

    public static final String ACTIVE = "ACTIVE";
    public static final String DRAINING = "DRAINING";
    public static final String INACTIVE = "INACTIVE";

    public record ServiceRegistry(String registryArn, Integer port, String containerName, Integer containerPort) {}

    public record ServiceEvent(String id, Instant createdAt, String message) {}

    public record DeploymentConfiguration(JsonNode deploymentCircuitBreaker, Integer maximumPercent,
                                          Integer minimumHealthyPercent, JsonNode alarms, String strategy,
                                          Integer bakeTimeInMinutes, JsonNode lifecycleHooks,
                                          JsonNode linearConfiguration, JsonNode canaryConfiguration) {
        public int maxPercent() {
            return maximumPercent == null ? 200 : maximumPercent;
        }

        public int minHealthyPercent() {
            return minimumHealthyPercent == null ? 100 : minimumHealthyPercent;
        }

        /** As AWS answers it: the percentages always present, 200 and 100 unless the client chose others. */
        public DeploymentConfiguration withDefaults() {
            return new DeploymentConfiguration(deploymentCircuitBreaker, maxPercent(), minHealthyPercent(), alarms,
                    strategy, bakeTimeInMinutes, lifecycleHooks, linearConfiguration, canaryConfiguration);
        }
    }

    public Deployment primary() {
        return deployments.getFirst();
    }

    public List<ServiceRegistry> registriesOrEmpty() {
        return serviceRegistries == null ? List.of() : serviceRegistries;
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Copies with a few members changed; services have too many members for wither methods. */
    public static final class Builder {
        private final Service s;
        private String status;
        private Integer desiredCount;
        private Integer runningCount;
        private Integer pendingCount;
        private String taskDefinition;
        private DeploymentConfiguration deploymentConfiguration;
        private List<Deployment> deployments;
        private List<ServiceEvent> events;
        private List<ServiceRegistry> serviceRegistries;
        private JsonNode networkConfiguration;
        private JsonNode loadBalancers;
        private List<Tag> tags;
        private Integer healthCheckGracePeriodSeconds;
        private Boolean enableExecuteCommand;
        private Boolean enableECSManagedTags;
        private String propagateTags;
        private String platformVersion;
        private JsonNode placementConstraints;
        private JsonNode placementStrategy;
        private JsonNode capacityProviderStrategy;

        private Builder(Service s) {
            this.s = s;
            status = s.status;
            desiredCount = s.desiredCount;
            runningCount = s.runningCount;
            pendingCount = s.pendingCount;
            taskDefinition = s.taskDefinition;
            deploymentConfiguration = s.deploymentConfiguration;
            deployments = s.deployments;
            events = s.events;
            serviceRegistries = s.serviceRegistries;
            networkConfiguration = s.networkConfiguration;
            loadBalancers = s.loadBalancers;
            tags = s.tags;
            healthCheckGracePeriodSeconds = s.healthCheckGracePeriodSeconds;
            enableExecuteCommand = s.enableExecuteCommand;
            enableECSManagedTags = s.enableECSManagedTags;
            propagateTags = s.propagateTags;
            platformVersion = s.platformVersion;
            placementConstraints = s.placementConstraints;
            placementStrategy = s.placementStrategy;
            capacityProviderStrategy = s.capacityProviderStrategy;
        }

        public Builder status(String v) { status = v; return this; }
        public Builder desiredCount(Integer v) { desiredCount = v; return this; }
        public Builder runningCount(Integer v) { runningCount = v; return this; }
        public Builder pendingCount(Integer v) { pendingCount = v; return this; }
        public Builder taskDefinition(String v) { taskDefinition = v; return this; }
        public Builder deploymentConfiguration(DeploymentConfiguration v) { deploymentConfiguration = v; return this; }
        public Builder deployments(List<Deployment> v) { deployments = v; return this; }
        public Builder events(List<ServiceEvent> v) { events = v; return this; }
        public Builder serviceRegistries(List<ServiceRegistry> v) { serviceRegistries = v; return this; }
        public Builder networkConfiguration(JsonNode v) { networkConfiguration = v; return this; }
        public Builder loadBalancers(JsonNode v) { loadBalancers = v; return this; }
        public Builder tags(List<Tag> v) { tags = v; return this; }
        public Builder healthCheckGracePeriodSeconds(Integer v) { healthCheckGracePeriodSeconds = v; return this; }
        public Builder enableExecuteCommand(Boolean v) { enableExecuteCommand = v; return this; }
        public Builder enableECSManagedTags(Boolean v) { enableECSManagedTags = v; return this; }
        public Builder propagateTags(String v) { propagateTags = v; return this; }
        public Builder platformVersion(String v) { platformVersion = v; return this; }
        public Builder placementConstraints(JsonNode v) { placementConstraints = v; return this; }
        public Builder placementStrategy(JsonNode v) { placementStrategy = v; return this; }
        public Builder capacityProviderStrategy(JsonNode v) { capacityProviderStrategy = v; return this; }

        public Service build() {
            return new Service(s.serviceArn, s.serviceName, s.clusterArn, loadBalancers, serviceRegistries, status,
                    desiredCount, runningCount, pendingCount, s.launchType, capacityProviderStrategy, platformVersion,
                    s.platformFamily, taskDefinition, deploymentConfiguration, deployments, s.roleArn, events,
                    s.createdAt, placementConstraints, placementStrategy, networkConfiguration,
                    healthCheckGracePeriodSeconds, s.schedulingStrategy, s.deploymentController, tags, s.createdBy,
                    enableECSManagedTags, propagateTags, enableExecuteCommand, s.availabilityZoneRebalancing);
        }
    }
}
