package dev.mooring.control.ecs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mooring.core.operation.ServiceException;
import dev.mooring.core.operation.RequestContext;
import dev.mooring.control.Ids;
import dev.mooring.control.Page;
import dev.mooring.control.cloudmap.Namespace;
import dev.mooring.control.ecs.Service.DeploymentConfiguration;
import dev.mooring.control.ecs.Service.ServiceRegistry;
import dev.mooring.store.Tx;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** CreateService, UpdateService, DeleteService, DescribeServices, ListServices, ListServicesByNamespace. */
final class ServiceOperations {
    static final Set<String> LAUNCH_TYPES = Set.of("EC2", "FARGATE", "EXTERNAL", "MANAGED_INSTANCES");

    private final EcsState ecs;
    private final ServiceConnectPlanner planner;

    ServiceOperations(EcsState ecs) {
        this.ecs = ecs;
        this.planner = new ServiceConnectPlanner(ecs);
    }

    Responses.ServiceResponse create(RequestContext ctx, Requests.CreateService in) {
        String name = Validation.require(in.serviceName(), "serviceName");
        Validation.name(name, "serviceName");
        Integer desired = Validation.require(in.desiredCount(), "desiredCount");
        Validation.desiredCount(desired);
        String strategy = in.schedulingStrategy() == null ? "REPLICA" : in.schedulingStrategy();
        if (!strategy.equals("REPLICA")) {
            throw new ServiceException("UnsupportedFeatureException", "schedulingStrategy " + strategy
                    + " is not supported by Mooring; use REPLICA.");
        }
        JsonNode controller = in.deploymentController();
        String controllerType = controller == null || !controller.hasNonNull("type") ? "ECS"
                : controller.get("type").asText();
        Validation.oneOf(controllerType, Set.of("ECS", "CODE_DEPLOY", "EXTERNAL"), "deploymentController.type");
        if (controllerType.equals("CODE_DEPLOY")) {
            throw new ServiceException("UnsupportedFeatureException", "deploymentController.type CODE_DEPLOY is not"
                    + " supported by Mooring; use ECS (rolling update) or EXTERNAL (task sets).");
        }
        Validation.oneOf(in.launchType(), LAUNCH_TYPES, "launchType");
        Validation.tags(in.tags(), "tags");
        Validation.oneOf(in.propagateTags(), TaskTags.PROPAGATE_TAGS, "propagateTags");
        validateDeploymentConfiguration(in.deploymentConfiguration());
        if (controllerType.equals("EXTERNAL")) {
            return createExternal(ctx, in, name, desired, controller);
        }
        TaskDefinition td = ecs.resolver().requireActiveTaskDefinition(ctx, in.taskDefinition(), "taskDefinition");
        LaunchRules.requireLaunchable(td, in.launchType(), in.capacityProviderStrategy());
        StoredService stored = ecs.store().write(tx -> {
            Cluster cluster = ecs.resolver().activeCluster(tx, ctx, in.cluster());
            String arn = Arns.service(cluster.clusterArn(), name);
            StoredService existing = tx.get(ecs.tables().services(), arn).orElse(null);
            if (existing != null && !Service.INACTIVE.equals(existing.service().status())) {
                if (in.clientToken() != null && in.clientToken().equals(existing.clientToken())) {
                    return existing;
                }
                throw Errors.invalid(Service.DRAINING.equals(existing.service().status())
                        ? "Service '" + name + "' is still draining; wait until it is INACTIVE to create it again."
                        : "Creation of service was not idempotent: service '" + name + "' already exists in cluster "
                        + cluster.clusterName() + ". Use UpdateService to change it.");
            }
            List<ServiceRegistry> registries = validateRegistries(tx, ctx, in.serviceRegistries(), td);
            LoadBalancerCheck.check(tx, ecs.loadBalancing(), in.loadBalancers(), td);
            ServiceConnectPlanner.Plan plan = planner.plan(tx, ctx, cluster, arn, td,
                    in.serviceConnectConfiguration(), ctx.receivedAt());
            CapacityProviders.Launch launch = CapacityProviders.launch(in.launchType(),
                    in.capacityProviderStrategy(), cluster);
            LaunchRules.requireLaunchable(td, launch.launchType(), null);
            String launchType = launch.launchType();
            Deployment first = deployment(td, desired, launchType, in.platformVersion(),
                    launch.strategy(), in.networkConfiguration(), plan, ctx.receivedAt());
            DeploymentConfiguration deploymentConfiguration = (in.deploymentConfiguration() != null
                    ? in.deploymentConfiguration()
                    : new DeploymentConfiguration(null, null, null, null, null, null, null, null, null)).withDefaults();
            Service service = ServiceBuilder.builder().serviceArn(arn).serviceName(name)
                    .clusterArn(cluster.clusterArn())
                    .loadBalancers(in.loadBalancers() == null ? ecs.emptyArray() : in.loadBalancers())
                    .serviceRegistries(registries).status(Service.ACTIVE).desiredCount(desired).runningCount(0)
                    .pendingCount(0).launchType(launchType).capacityProviderStrategy(launch.strategy())
                    .platformVersion(in.platformVersion()).taskDefinition(td.taskDefinitionArn())
                    .deploymentConfiguration(deploymentConfiguration).deployments(List.of(first)).roleArn(in.role())
                    .events(List.of()).createdAt(ctx.receivedAt())
                    .placementConstraints(in.placementConstraints() == null ? ecs.emptyArray()
                            : in.placementConstraints())
                    .placementStrategy(in.placementStrategy() == null ? ecs.emptyArray() : in.placementStrategy())
                    .networkConfiguration(in.networkConfiguration())
                    .healthCheckGracePeriodSeconds(in.healthCheckGracePeriodSeconds()).schedulingStrategy(strategy)
                    .deploymentController(controller != null ? controller : ecsController())
                    .createdBy("arn:aws:iam::" + ctx.accountId() + ":root")
                    .enableECSManagedTags(in.enableECSManagedTags() != null && in.enableECSManagedTags())
                    .propagateTags(in.propagateTags() == null ? "NONE" : in.propagateTags())
                    .enableExecuteCommand(in.enableExecuteCommand() != null && in.enableExecuteCommand())
                    .availabilityZoneRebalancing(in.availabilityZoneRebalancing()).build();
            Map<String, String> namespaces = plan.namespaceArn() == null ? Map.of()
                    : Map.of(first.id(), plan.namespaceArn());
            List<String> owned = new ArrayList<>(existing == null ? List.of() : existing.cloudMapServices());
            plan.resources().forEach(r -> addOnce(owned, r.discoveryArn()));
            StoredService created = new StoredService(service, in.clientToken(), namespaces, owned, 0, null);
            tx.put(ecs.tables().services(), created);
            tx.delete(ecs.tables().tags(), arn);
            ecs.putTags(tx, arn, in.tags());
            return created;
        });
        return new Responses.ServiceResponse(withTags(stored.service()));
    }

    /**
     * A service an outside controller drives: no deployment and no tasks of its own, as on AWS; its tasks come from
     * the task sets CreateTaskSet adds, which also carry the task definition, launch type and network.
     */
    private Responses.ServiceResponse createExternal(RequestContext ctx, Requests.CreateService in, String name,
                                                     int desired, JsonNode controller) {
        if (in.serviceConnectConfiguration() != null && in.serviceConnectConfiguration().isEnabled()) {
            throw Errors.invalid("Service Connect is not supported for services with the EXTERNAL deployment"
                    + " controller.");
        }
        if (in.loadBalancers() != null && !in.loadBalancers().isEmpty()
                || in.serviceRegistries() != null && !in.serviceRegistries().isEmpty()) {
            throw Errors.invalid("A service with the EXTERNAL deployment controller takes loadBalancers and"
                    + " serviceRegistries on its task sets (CreateTaskSet), not on the service.");
        }
        if (in.taskDefinition() != null) {
            // AWS's texts: a blank one fails as a missing family, any other as not allowed here
            throw Errors.invalid(in.taskDefinition().isBlank() ? "Family should not be null or empty."
                    : "A service with the EXTERNAL deployment controller takes no taskDefinition; give it to"
                    + " CreateTaskSet.");
        }
        StoredService stored = ecs.store().write(tx -> {
            Cluster cluster = ecs.resolver().activeCluster(tx, ctx, in.cluster());
            String arn = Arns.service(cluster.clusterArn(), name);
            StoredService existing = tx.get(ecs.tables().services(), arn).orElse(null);
            if (existing != null && !Service.INACTIVE.equals(existing.service().status())) {
                if (in.clientToken() != null && in.clientToken().equals(existing.clientToken())) {
                    return existing;
                }
                throw Errors.invalid("Creation of service was not idempotent: service '" + name + "' already exists"
                        + " in cluster " + cluster.clusterName() + ".");
            }
            DeploymentConfiguration deploymentConfiguration = (in.deploymentConfiguration() != null
                    ? in.deploymentConfiguration()
                    : new DeploymentConfiguration(null, null, null, null, null, null, null, null, null)).withDefaults();
            Service service = ServiceBuilder.builder().serviceArn(arn).serviceName(name)
                    .clusterArn(cluster.clusterArn()).loadBalancers(ecs.emptyArray()).serviceRegistries(List.of())
                    .status(Service.ACTIVE).desiredCount(desired).runningCount(0).pendingCount(0)
                    .launchType(in.launchType()).platformVersion(in.platformVersion())
                    .deploymentConfiguration(deploymentConfiguration).deployments(List.of()).taskSets(List.of())
                    .roleArn(in.role()).events(List.of()).createdAt(ctx.receivedAt())
                    .placementConstraints(in.placementConstraints() == null ? ecs.emptyArray()
                            : in.placementConstraints())
                    .placementStrategy(in.placementStrategy() == null ? ecs.emptyArray() : in.placementStrategy())
                    .networkConfiguration(in.networkConfiguration())
                    .healthCheckGracePeriodSeconds(in.healthCheckGracePeriodSeconds()).schedulingStrategy("REPLICA")
                    .deploymentController(controller)
                    .createdBy("arn:aws:iam::" + ctx.accountId() + ":root")
                    .enableECSManagedTags(in.enableECSManagedTags() != null && in.enableECSManagedTags())
                    .propagateTags(in.propagateTags() == null ? "NONE" : in.propagateTags())
                    .enableExecuteCommand(in.enableExecuteCommand() != null && in.enableExecuteCommand())
                    .build();
            List<String> owned = existing == null ? List.of() : existing.cloudMapServices();
            StoredService created = new StoredService(service, in.clientToken(), Map.of(), owned, 0, null);
            tx.put(ecs.tables().services(), created);
            tx.delete(ecs.tables().tags(), arn);
            ecs.putTags(tx, arn, in.tags());
            return created;
        });
        return new Responses.ServiceResponse(withTags(stored.service()));
    }

    private static void addOnce(List<String> list, String value) {
        if (!list.contains(value)) {
            list.add(value);
        }
    }

    private JsonNode ecsController() {
        return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode().put("type", "ECS");
    }

    private static void validateDeploymentConfiguration(DeploymentConfiguration dc) {
        if (dc == null) {
            return;
        }
        if (dc.minHealthyPercent() < 0 || dc.minHealthyPercent() > 100) {
            throw Errors.invalid("deploymentConfiguration.minimumHealthyPercent " + dc.minHealthyPercent()
                    + " is out of range: 0 to 100.");
        }
        if (dc.maxPercent() < 100) {
            throw Errors.invalid("deploymentConfiguration.maximumPercent " + dc.maxPercent()
                    + " is below 100: a rolling update needs room for at least the desired count.");
        }
        if (dc.maxPercent() == 100 && dc.minHealthyPercent() == 100) {
            throw Errors.invalid("deploymentConfiguration allows neither extra tasks (maximumPercent 100) nor"
                    + " fewer healthy ones (minimumHealthyPercent 100), so no deployment could progress. Raise"
                    + " maximumPercent or lower minimumHealthyPercent.");
        }
    }

    private List<ServiceRegistry> validateRegistries(Tx tx, RequestContext ctx, List<ServiceRegistry> registries,
                                                     TaskDefinition td) {
        if (registries == null || registries.isEmpty()) {
            return List.of();
        }
        if (registries.size() > 1) {
            throw Errors.invalid("serviceRegistries has " + registries.size() + " entries; a service can use one.");
        }
        ServiceRegistry r = registries.getFirst();
        String arn = Validation.require(r.registryArn(), "serviceRegistries[0].registryArn");
        ecs.cloudMap().findServiceByArn(tx, ctx.region(), arn).orElseThrow(() -> Errors.invalid(
                "serviceRegistries[0].registryArn '" + arn + "' is not a Cloud Map service of this region."));
        Validation.port(r.port(), "serviceRegistries[0].port");
        Validation.port(r.containerPort(), "serviceRegistries[0].containerPort");
        if (r.containerName() != null && td.containerDefinitions().stream()
                .noneMatch(c -> c.name().equals(r.containerName()))) {
            throw Errors.invalid("serviceRegistries[0].containerName '" + r.containerName() + "' is not a container"
                    + " of task definition " + td.family() + ":" + td.revision() + ".");
        }
        return List.copyOf(registries);
    }

    private static Deployment deployment(TaskDefinition td, int desired, String launchType, String platformVersion,
                                         JsonNode capacityProviderStrategy, JsonNode networkConfiguration,
                                         ServiceConnectPlanner.Plan plan, Instant now) {
        String id = Ids.deploymentId();
        return new Deployment(id, Deployment.PRIMARY, td.taskDefinitionArn(), desired, 0, 0, 0, now, now,
                capacityProviderStrategy, launchType, platformVersion, null, networkConfiguration,
                Deployment.IN_PROGRESS, "ECS deployment " + id + " in progress.", plan.echo(),
                plan.echo() == null ? null : plan.resources());
    }

    Responses.ServiceResponse update(RequestContext ctx, Requests.UpdateService in) {
        String ref = Validation.require(in.service(), "service");
        Validation.desiredCount(in.desiredCount());
        Validation.oneOf(in.propagateTags(), TaskTags.PROPAGATE_TAGS, "propagateTags");
        validateDeploymentConfiguration(in.deploymentConfiguration());
        TaskDefinition newTd = in.taskDefinition() == null ? null
                : ecs.resolver().requireTaskDefinition(ctx, in.taskDefinition(), "taskDefinition");
        StoredService stored = ecs.store().write(tx -> {
            Cluster cluster = ecs.resolver().activeCluster(tx, ctx, in.cluster());
            StoredService current = ecs.resolver().service(tx, cluster.clusterArn(), ref)
                    .orElseThrow(() -> Errors.serviceNotFound(ref));
            Service s = current.service();
            if (!Service.ACTIVE.equals(s.status())) {
                throw Errors.serviceNotActive(ref);
            }
            if (s.isExternal()) {
                StoredService updated = updateExternal(ctx, current, in, newTd);
                tx.put(ecs.tables().services(), updated);
                return updated;
            }
            Deployment primary = s.primary();
            if (newTd != null && !TaskDefinition.ACTIVE.equals(newTd.status())
                    && !newTd.taskDefinitionArn().equals(primary.taskDefinition())) {
                throw Errors.taskDefinitionInactive(newTd); // the revision it already runs may stay, even INACTIVE
            }
            TaskDefinition td = newTd != null ? newTd
                    : ecs.tables().taskDefinitions().get(primary.taskDefinition()).orElseThrow();
            if (newTd != null) {
                LaunchRules.requireLaunchable(td, primary.launchType(), null);
            }
            int desired = in.desiredCount() != null ? in.desiredCount() : s.desiredCount();
            List<ServiceRegistry> registries = in.serviceRegistries() == null ? s.serviceRegistries()
                    : validateRegistries(tx, ctx, in.serviceRegistries(), td);
            if (in.loadBalancers() != null || !td.taskDefinitionArn().equals(primary.taskDefinition())) {
                // a new task definition must still have the containers and ports the target groups name
                LoadBalancerCheck.check(tx, ecs.loadBalancing(), in.loadBalancers() != null ? in.loadBalancers()
                        : s.loadBalancers(), td);
            }
            boolean redeploy = Boolean.TRUE.equals(in.forceNewDeployment())
                    || !td.taskDefinitionArn().equals(primary.taskDefinition())
                    || changed(in.serviceConnectConfiguration(), primary.serviceConnectConfiguration())
                    || changed(in.networkConfiguration(), primary.networkConfiguration())
                    || changed(in.serviceRegistries(), s.serviceRegistries())
                    || changed(in.loadBalancers(), s.loadBalancers())
                    || changed(in.platformVersion(), primary.platformVersion())
                    || changed(in.capacityProviderStrategy(), primary.capacityProviderStrategy())
                    // tasks take their tags at launch, so new tag options need new tasks
                    || changed(in.propagateTags(), s.propagateTags())
                    || changed(in.enableECSManagedTags(), s.enableECSManagedTags());
            ServiceBuilder b = s.toBuilder().desiredCount(desired).serviceRegistries(registries);
            Map<String, String> namespaces = new HashMap<>(current.namespaces());
            List<String> owned = new ArrayList<>(current.cloudMapServices());
            if (redeploy) {
                ServiceConnectConfiguration sc = in.serviceConnectConfiguration() != null
                        ? in.serviceConnectConfiguration() : primary.serviceConnectConfiguration();
                ServiceConnectPlanner.Plan plan = planner.plan(tx, ctx, cluster, s.serviceArn(), td, sc,
                        ctx.receivedAt());
                Deployment next = deployment(td, desired, primary.launchType(),
                        in.platformVersion() != null ? in.platformVersion() : primary.platformVersion(),
                        in.capacityProviderStrategy() != null ? in.capacityProviderStrategy()
                                : primary.capacityProviderStrategy(),
                        in.networkConfiguration() != null ? in.networkConfiguration()
                                : primary.networkConfiguration(), plan, ctx.receivedAt());
                List<Deployment> deployments = new ArrayList<>();
                deployments.add(next);
                s.deployments().forEach(d -> deployments.add(d.status().equals(Deployment.PRIMARY)
                        ? d.withStatus(Deployment.ACTIVE, ctx.receivedAt()) : d));
                b.deployments(deployments).taskDefinition(td.taskDefinitionArn());
                if (plan.namespaceArn() != null) {
                    namespaces.put(next.id(), plan.namespaceArn());
                }
                plan.resources().forEach(r -> addOnce(owned, r.discoveryArn()));
            } else if (desired != primary.desiredCount()) {
                List<Deployment> deployments = new ArrayList<>(s.deployments());
                deployments.set(0, primary.withCounts(desired, primary.pendingCount(), primary.runningCount(),
                        primary.failedTasks(), primary.rolloutState(), primary.rolloutStateReason(),
                        ctx.receivedAt()));
                b.deployments(deployments);
            }
            applyServiceSettings(b, in);
            if (in.networkConfiguration() != null) {
                b.networkConfiguration(in.networkConfiguration());
            }
            if (in.loadBalancers() != null) {
                b.loadBalancers(in.loadBalancers());
            }
            if (in.platformVersion() != null) {
                b.platformVersion(in.platformVersion());
            }
            if (in.capacityProviderStrategy() != null) {
                b.capacityProviderStrategy(in.capacityProviderStrategy());
            }
            StoredService updated = current.with(b.build()).with(namespaces, owned);
            tx.put(ecs.tables().services(), updated);
            return updated;
        });
        return new Responses.ServiceResponse(stored.service());
    }

    /**
     * UpdateService of an EXTERNAL service changes only what belongs to the service; a new task definition, network
     * or platform goes to a new task set. A new desiredCount rescales every task set.
     */
    private StoredService updateExternal(RequestContext ctx, StoredService current, Requests.UpdateService in,
                                         TaskDefinition newTd) {
        if (newTd != null || in.networkConfiguration() != null || in.platformVersion() != null
                || in.capacityProviderStrategy() != null || in.loadBalancers() != null
                || in.serviceRegistries() != null || in.serviceConnectConfiguration() != null
                || Boolean.TRUE.equals(in.forceNewDeployment())) {
            throw Errors.invalid("A service with the EXTERNAL deployment controller is updated through its task"
                    + " sets: only desiredCount, deploymentConfiguration, healthCheckGracePeriodSeconds,"
                    + " enableExecuteCommand, enableECSManagedTags, propagateTags and placement may change here.");
        }
        Service s = current.service();
        int desired = in.desiredCount() != null ? in.desiredCount() : s.desiredCount();
        List<TaskSet> taskSets = s.taskSetsOrEmpty().stream()
                .map(t -> t.withScale(t.scale(), t.desiredFor(desired), ctx.receivedAt())).toList();
        ServiceBuilder b = s.toBuilder().desiredCount(desired).taskSets(taskSets);
        applyServiceSettings(b, in);
        return current.with(b.build());
    }

    /** What UpdateService changes on the service itself, whichever deployment controller it has. */
    private static void applyServiceSettings(ServiceBuilder b, Requests.UpdateService in) {
        if (in.deploymentConfiguration() != null) {
            b.deploymentConfiguration(in.deploymentConfiguration().withDefaults());
        }
        if (in.healthCheckGracePeriodSeconds() != null) {
            b.healthCheckGracePeriodSeconds(in.healthCheckGracePeriodSeconds());
        }
        if (in.enableExecuteCommand() != null) {
            b.enableExecuteCommand(in.enableExecuteCommand());
        }
        if (in.enableECSManagedTags() != null) {
            b.enableECSManagedTags(in.enableECSManagedTags());
        }
        if (in.propagateTags() != null) {
            b.propagateTags(in.propagateTags());
        }
        if (in.placementConstraints() != null) {
            b.placementConstraints(in.placementConstraints());
        }
        if (in.placementStrategy() != null) {
            b.placementStrategy(in.placementStrategy());
        }
    }

    private static boolean changed(Object requested, Object current) {
        return requested != null && !Objects.equals(requested, current);
    }

    Responses.ServiceResponse delete(RequestContext ctx, Requests.DeleteService in) {
        String ref = Validation.require(in.service(), "service");
        StoredService stored = ecs.store().write(tx -> {
            Cluster cluster = ecs.resolver().activeCluster(tx, ctx, in.cluster());
            StoredService current = ecs.resolver().service(tx, cluster.clusterArn(), ref)
                    .filter(s -> !Service.INACTIVE.equals(s.service().status()))
                    .orElseThrow(() -> Errors.serviceNotFound(ref));
            Service s = current.service();
            if (Service.DRAINING.equals(s.status())) {
                return current;
            }
            if (s.desiredCount() > 0 && !Boolean.TRUE.equals(in.force())) {
                throw Errors.invalid("The service cannot be stopped while it is scaled above 0.");
            }
            StoredService draining = current.with(s.toBuilder().status(Service.DRAINING).desiredCount(0).build());
            tx.put(ecs.tables().services(), draining);
            return draining;
        });
        return new Responses.ServiceResponse(stored.service());
    }

    Responses.DescribeServices describe(RequestContext ctx, Requests.DescribeServices in) {
        List<String> refs = Validation.require(in.services(), "services");
        if (refs.isEmpty()) {
            throw Errors.required("services");
        }
        Validation.maxItems(refs, 10, "services");
        Cluster cluster = ecs.resolver().activeCluster(null, ctx, in.cluster());
        boolean withTags = Validation.include(in.include(), Set.of("TAGS")).contains("TAGS");
        List<Service> found = new ArrayList<>();
        List<Failure> failures = new ArrayList<>();
        for (String ref : refs) {
            ecs.resolver().service(null, cluster.clusterArn(), ref).ifPresentOrElse(
                    s -> found.add(withTags ? withTags(s.service()) : s.service()),
                    // AWS names a missing service in the short format, without its cluster
                    () -> failures.add(Failure.missing(ref.startsWith("arn:") ? ref
                            : Arns.prefix(ctx) + "service/" + ref)));
        }
        return new Responses.DescribeServices(found, failures);
    }

    private Service withTags(Service s) {
        return s.toBuilder().tags(ecs.tagsOf(s.serviceArn())).build();
    }

    Responses.ListServices list(RequestContext ctx, Requests.ListServices in) {
        Validation.oneOf(in.launchType(), LAUNCH_TYPES, "launchType");
        Cluster cluster = ecs.resolver().activeCluster(null, ctx, in.cluster());
        Page<StoredService> page = Page.of(ecs.tables().services().withPrefix(Arns.servicesPrefix(cluster.clusterArn()))
                        .filter(s -> !Service.INACTIVE.equals(s.service().status()))
                        .filter(s -> in.launchType() == null || in.launchType().equals(s.service().launchType()))
                        .filter(s -> in.schedulingStrategy() == null
                                || in.schedulingStrategy().equals(s.service().schedulingStrategy())),
                StoredService::arn, in.nextToken(), in.maxResults(), 10, 100, "InvalidParameterException");
        return new Responses.ListServices(page.items().stream().map(StoredService::arn).toList(), page.nextToken());
    }

    Responses.ListServices listByNamespace(RequestContext ctx, Requests.ListServicesByNamespace in) {
        String ref = Validation.require(in.namespace(), "namespace");
        // the catalog reads through a Tx; this write puts nothing, so it commits nothing
        Namespace ns = ecs.store().write(tx -> ecs.cloudMap().findNamespace(tx, ctx.region(), ref))
                .orElseThrow(() -> Errors.namespaceNotFound(ref));
        Page<StoredService> page = Page.of(ecs.tables().services().withPrefix(Arns.prefix(ctx) + "service/")
                        .filter(s -> !Service.INACTIVE.equals(s.service().status()))
                        .filter(s -> s.namespaces().containsValue(ns.arn())),
                StoredService::arn, in.nextToken(), in.maxResults(), 10, 100, "InvalidParameterException");
        return new Responses.ListServices(page.items().stream().map(StoredService::arn).toList(), page.nextToken());
    }
}
