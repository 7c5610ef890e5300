package dev.mooring.control.ecs;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mooring.control.Ids;
import dev.mooring.control.Tag;
import dev.mooring.core.operation.RequestContext;
import dev.mooring.core.operation.ServiceException;
import dev.mooring.store.Tx;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * CreateTaskSet, DescribeTaskSets, UpdateTaskSet, DeleteTaskSet and UpdateServicePrimaryTaskSet: the task sets of a
 * service with the EXTERNAL deployment controller. The task sets live on the service; the service scheduler keeps
 * each one's tasks as it keeps a deployment's.
 */
final class TaskSetOperations {
    /** AWS counts task sets as deployments and refuses a sixth. */
    static final int MAX_TASK_SETS = 5;

    public record CreateTaskSetRequest(String service, String cluster, String externalId, String taskDefinition,
                                       ObjectNode networkConfiguration, ArrayNode loadBalancers,
                                       ArrayNode serviceRegistries, String launchType,
                                       ArrayNode capacityProviderStrategy, String platformVersion,
                                       TaskSet.Scale scale, String clientToken, List<Tag> tags) {}

    public record DescribeTaskSetsRequest(String cluster, String service, List<String> taskSets,
                                          List<String> include) {}

    public record UpdateTaskSetRequest(String cluster, String service, String taskSet, TaskSet.Scale scale) {}

    public record DeleteTaskSetRequest(String cluster, String service, String taskSet, Boolean force) {}

    public record UpdateServicePrimaryTaskSetRequest(String cluster, String service, String primaryTaskSet) {}

    public record TaskSetResponse(TaskSet taskSet) {}

    public record DescribeTaskSetsResponse(List<TaskSet> taskSets, List<Failure> failures) {}

    private final EcsState ecs;

    TaskSetOperations(EcsState ecs) {
        this.ecs = ecs;
    }

    TaskSetResponse create(RequestContext ctx, CreateTaskSetRequest in) {
        String serviceRef = Validation.require(in.service(), "service");
        Validation.require(in.cluster(), "cluster");
        Validation.require(in.taskDefinition(), "taskDefinition");
        Validation.oneOf(in.launchType(), ServiceOperations.LAUNCH_TYPES, "launchType");
        Validation.tags(in.tags(), "tags");
        TaskSet.Scale scale = scale(in.scale() == null ? new TaskSet.Scale(100.0, TaskSet.Scale.PERCENT) : in.scale());
        if (in.loadBalancers() != null && !in.loadBalancers().isEmpty()
                || in.serviceRegistries() != null && !in.serviceRegistries().isEmpty()) {
            throw new ServiceException("UnsupportedFeatureException", "loadBalancers and serviceRegistries on a"
                    + " task set are not supported by Mooring yet; create the task set without them.");
        }
        TaskDefinition td = ecs.resolver().requireActiveTaskDefinition(ctx, in.taskDefinition(), "taskDefinition");
        LaunchRules.requireLaunchable(td, in.launchType(), in.capacityProviderStrategy());
        TaskSet created = ecs.store().write(tx -> {
            StoredService stored = externalService(tx, ctx, in.cluster(), serviceRef);
            Service s = stored.service();
            if (s.taskSetsOrEmpty().size() >= MAX_TASK_SETS) {
                throw Errors.invalid(s.taskSetsOrEmpty().size() + " deployments exist on the service. Unable to"
                        + " create new TaskSet since this exceeds the maximum limit.");
            }
            Cluster cluster = ecs.resolver().activeCluster(tx, ctx, in.cluster());
            CapacityProviders.Launch launch = CapacityProviders.launch(in.launchType(),
                    in.capacityProviderStrategy(), cluster);
            LaunchRules.requireLaunchable(td, launch.launchType(), null);
            String id = Ids.deploymentId();
            String arn = Arns.prefix(ctx) + "task-set/" + cluster.clusterName() + "/" + s.serviceName() + "/" + id;
            Instant now = ctx.receivedAt();
            TaskSet taskSet = new TaskSet(id, arn, s.serviceArn(), s.clusterArn(), null, in.externalId(),
                    TaskSet.ACTIVE, td.taskDefinitionArn(), 0, 0, 0, now, now, launch.launchType(),
                    launch.strategy(), in.platformVersion(), in.networkConfiguration(), ecs.emptyArray(),
                    ecs.emptyArray(), scale, TaskSet.STABILIZING, now, null);
            taskSet = taskSet.withScale(scale, taskSet.desiredFor(s.desiredCount()), now);
            List<TaskSet> all = new ArrayList<>(s.taskSetsOrEmpty());
            all.add(taskSet);
            tx.put(ecs.tables().services(), stored.with(s.toBuilder().taskSets(all).build()));
            ecs.putTags(tx, arn, in.tags());
            return taskSet;
        });
        return new TaskSetResponse(created);
    }

    DescribeTaskSetsResponse describe(RequestContext ctx, DescribeTaskSetsRequest in) {
        Validation.require(in.cluster(), "cluster");
        String serviceRef = Validation.require(in.service(), "service");
        boolean withTags = Validation.include(in.include(), Set.of("TAGS")).contains("TAGS");
        StoredService stored = externalService(null, ctx, in.cluster(), serviceRef);
        List<TaskSet> found = new ArrayList<>();
        List<Failure> failures = new ArrayList<>();
        if (in.taskSets() == null || in.taskSets().isEmpty()) {
            found.addAll(stored.service().taskSetsOrEmpty());
        } else {
            for (String ref : in.taskSets()) {
                find(stored.service(), ref).ifPresentOrElse(found::add, () -> failures.add(Failure.missing(ref)));
            }
        }
        List<TaskSet> answered = withTags ? found.stream().map(t -> t.withTags(ecs.tagsOf(t.taskSetArn()))).toList()
                : found;
        return new DescribeTaskSetsResponse(answered, failures);
    }

    TaskSetResponse update(RequestContext ctx, UpdateTaskSetRequest in) {
        TaskSet.Scale scale = scale(Validation.require(in.scale(), "scale"));
        return change(ctx, in.cluster(), in.service(), Validation.require(in.taskSet(), "taskSet"),
                (s, t) -> {
                    TaskSet rescaled = t.withScale(scale, t.computedDesiredCount(), ctx.receivedAt());
                    return rescaled.withScale(scale, rescaled.desiredFor(s.desiredCount()), ctx.receivedAt());
                });
    }

    TaskSetResponse updatePrimary(RequestContext ctx, UpdateServicePrimaryTaskSetRequest in) {
        String ref = Validation.require(in.primaryTaskSet(), "primaryTaskSet");
        TaskSet primary = ecs.store().write(tx -> {
            StoredService stored = externalService(tx, ctx, in.cluster(), Validation.require(in.service(),
                    "service"));
            Service s = stored.service();
            TaskSet chosen = find(s, ref).orElseThrow(() -> taskSetNotFound(ref));
            if (TaskSet.DRAINING.equals(chosen.status())) {
                throw Errors.invalid("Task set " + chosen.id() + " is being deleted (DRAINING); it cannot become"
                        + " the primary task set.");
            }
            Instant now = ctx.receivedAt();
            List<TaskSet> all = new ArrayList<>();
            for (TaskSet t : s.taskSetsOrEmpty()) {
                if (t.id().equals(chosen.id())) {
                    all.add(t.withStatus(TaskSet.PRIMARY, now));
                } else {
                    all.add(TaskSet.PRIMARY.equals(t.status()) ? t.withStatus(TaskSet.ACTIVE, now) : t);
                }
            }
            // as on AWS, the service takes its task definition and launch from its primary task set
            TaskSet answer = all.stream().filter(t -> t.id().equals(chosen.id())).findFirst().orElseThrow();
            tx.put(ecs.tables().services(), stored.with(s.toBuilder().taskSets(all)
                    .taskDefinition(answer.taskDefinition()).launchType(answer.launchType())
                    .platformVersion(answer.platformVersion()).networkConfiguration(answer.networkConfiguration())
                    .build()));
            return answer;
        });
        return new TaskSetResponse(primary);
    }

    TaskSetResponse delete(RequestContext ctx, DeleteTaskSetRequest in) {
        boolean force = Boolean.TRUE.equals(in.force());
        return change(ctx, in.cluster(), in.service(), Validation.require(in.taskSet(), "taskSet"), (s, t) -> {
            if (TaskSet.PRIMARY.equals(t.status()) && !force) {
                throw Errors.invalid("Cannot delete the primary task set " + t.id() + ": make another task set"
                        + " primary first (UpdateServicePrimaryTaskSet), or pass force.");
            }
            if (t.computedDesiredCount() > 0 && !force) {
                throw Errors.invalid("The task set cannot be deleted while it is scaled above 0; scale it to 0"
                        + " (UpdateTaskSet) or pass force.");
            }
            return t.withStatus(TaskSet.DRAINING, ctx.receivedAt());
        });
    }

    private interface Change {
        TaskSet apply(Service service, TaskSet taskSet);
    }

    /** One task set of a service changed in one write; answered as changed. */
    private TaskSetResponse change(RequestContext ctx, String cluster, String serviceRef, String ref, Change change) {
        Validation.require(cluster, "cluster");
        Validation.require(serviceRef, "service");
        TaskSet changed = ecs.store().write(tx -> {
            StoredService stored = externalService(tx, ctx, cluster, serviceRef);
            Service s = stored.service();
            TaskSet current = find(s, ref).filter(t -> !TaskSet.DRAINING.equals(t.status()))
                    .orElseThrow(() -> taskSetNotFound(ref));
            TaskSet next = change.apply(s, current);
            UnaryOperator<TaskSet> swap = t -> t.id().equals(current.id()) ? next : t;
            tx.put(ecs.tables().services(), stored.with(s.toBuilder()
                    .taskSets(s.taskSetsOrEmpty().stream().map(swap).toList()).build()));
            return next;
        });
        return new TaskSetResponse(changed);
    }

    private StoredService externalService(Tx tx, RequestContext ctx, String clusterRef, String ref) {
        Cluster cluster = ecs.resolver().activeCluster(tx, ctx, clusterRef);
        StoredService stored = ecs.resolver().service(tx, cluster.clusterArn(), ref)
                .filter(s -> !Service.INACTIVE.equals(s.service().status()))
                .orElseThrow(() -> Errors.serviceNotFound(ref));
        if (!stored.service().isExternal()) {
            // AWS's text for a service of the ECS or CODE_DEPLOY controller
            throw Errors.invalid("Amazon ECS only supports task set management on services configured to use"
                    + " external deployment controllers.");
        }
        if (!Service.ACTIVE.equals(stored.service().status())) {
            throw Errors.serviceNotActive(ref);
        }
        return stored;
    }

    /** A task set by its ARN, its id ({@code ecs-svc/…}) or the id's number. */
    private static Optional<TaskSet> find(Service s, String ref) {
        return s.taskSetsOrEmpty().stream().filter(t -> ref.equals(t.taskSetArn()) || ref.equals(t.id())
                || ref.equals(t.id().substring("ecs-svc/".length()))).findFirst();
    }

    private static TaskSet.Scale scale(TaskSet.Scale in) {
        if (in.value() == null || in.value().isNaN() || in.value() < 0 || in.value() > 100) {
            throw Errors.invalid("scale.value " + in.value() + " is out of range: a percentage from 0 to 100.");
        }
        Validation.oneOf(in.unit(), Set.of(TaskSet.Scale.PERCENT), "scale.unit");
        return new TaskSet.Scale(in.value(), TaskSet.Scale.PERCENT);
    }

    private static ServiceException taskSetNotFound(String ref) {
        return new ServiceException("TaskSetNotFoundException", "The specified task set was not found: '" + ref
                + "'. DescribeTaskSets lists the service's task sets.");
    }
}
