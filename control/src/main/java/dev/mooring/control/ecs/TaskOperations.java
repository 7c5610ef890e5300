package dev.mooring.control.ecs;

import dev.mooring.core.operation.RequestContext;
import dev.mooring.control.Page;
import dev.mooring.task.StopCode;
import dev.mooring.task.TaskStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** RunTask, StopTask, DescribeTasks, ListTasks. */
final class TaskOperations {
    private final EcsState ecs;

    TaskOperations(EcsState ecs) {
        this.ecs = ecs;
    }

    Responses.RunTask run(RequestContext ctx, Requests.RunTask in) {
        int count = in.count() == null ? 1 : in.count();
        if (count < 1 || count > 10) {
            throw Errors.invalid("count " + count + " is out of range: RunTask starts 1 to 10 tasks.");
        }
        Validation.oneOf(in.launchType(), ServiceOperations.LAUNCH_TYPES, "launchType");
        Validation.tags(in.tags(), "tags");
        if ("SERVICE".equals(in.propagateTags())) {
            throw Errors.invalid("propagateTags SERVICE applies only to tasks a service starts; RunTask takes"
                    + " TASK_DEFINITION or NONE.");
        }
        Validation.oneOf(in.propagateTags(), TaskTags.PROPAGATE_TAGS, "propagateTags");
        if (in.clientToken() != null && in.clientToken().length() > 64) {
            throw Errors.invalid("clientToken is longer than 64 characters.");
        }
        if (in.overrides() != null) {
            Validation.taskSize(in.overrides().cpu(), in.overrides().memory(), "overrides.");
        }
        TaskDefinition td = ecs.resolver().requireActiveTaskDefinition(ctx, in.taskDefinition(), "taskDefinition");
        LaunchRules.requireLaunchable(td, in.launchType(), in.capacityProviderStrategy());
        if (in.overrides() != null && in.overrides().containerOverrides() != null) {
            Set<String> names = td.containerDefinitions().stream().map(ContainerDefinition::name)
                    .collect(Collectors.toSet());
            for (Task.ContainerOverride o : in.overrides().containerOverrides()) {
                if (o == null || o.name() == null || !names.contains(o.name())) {
                    throw Errors.invalid("overrides.containerOverrides names container '" + (o == null ? null
                            : o.name()) + "', which task definition " + td.family() + ":" + td.revision()
                            + " does not have.");
                }
            }
        }
        List<Task> tasks = ecs.store().write(tx -> {
            Cluster cluster = ecs.resolver().activeCluster(tx, ctx, in.cluster());
            if (in.clientToken() != null) {
                List<Task> earlier = ecs.tables().tasks().withPrefix(Arns.tasksPrefix(cluster.clusterArn()))
                        .filter(t -> in.clientToken().equals(t.clientToken())).map(StoredTask::task).toList();
                if (!earlier.isEmpty()) {
                    return earlier;
                }
            }
            CapacityProviders.Launch launch = CapacityProviders.launch(in.launchType(),
                    in.capacityProviderStrategy(), cluster);
            LaunchRules.requireLaunchable(td, launch.launchType(), null);
            List<Task> created = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                Task t = TaskFactory.newTask(cluster.clusterArn(), td, in.overrides(),
                        in.group() != null ? in.group() : "family:" + td.family(), in.startedBy(),
                        launch.launchType(), in.platformVersion(), in.enableExecuteCommand(), ctx.receivedAt());
                if (launch.capacityProvider() != null) {
                    t = t.toBuilder().capacityProviderName(launch.capacityProvider()).build();
                }
                tx.put(ecs.tables().tasks(), new StoredTask(t, null, in.clientToken(), List.of(), false));
                ecs.putTags(tx, t.taskArn(), TaskTags.atLaunch(tx, ecs, t, in.tags(), in.propagateTags(),
                        in.enableECSManagedTags(), null));
                created.add(t);
            }
            return created;
        });
        return new Responses.RunTask(tasks.stream().map(t -> withTags(t, true)).toList(), List.of());
    }

    Responses.TaskResponse stop(RequestContext ctx, Requests.StopTask in) {
        String ref = Validation.require(in.task(), "task");
        Task task = ecs.store().write(tx -> {
            Cluster cluster = ecs.resolver().activeCluster(tx, ctx, in.cluster());
            StoredTask current = ecs.resolver().task(tx, cluster.clusterArn(), ref).orElseThrow(
                    () -> Errors.invalid("The referenced task was not found: '" + ref + "' in cluster "
                            + cluster.clusterName() + "."));
            Task t = current.task();
            if (!TaskStatus.RUNNING.equals(t.desiredStatus())) {
                return t;
            }
            Task stopping = t.toBuilder().desiredStatus(TaskStatus.STOPPED).stopCode(StopCode.USER_INITIATED)
                    .stoppedReason(in.reason() != null ? in.reason() : "Task stopped by user")
                    .version(t.version() + 1).build();
            tx.put(ecs.tables().tasks(), current.with(stopping));
            return stopping;
        });
        return new Responses.TaskResponse(task);
    }

    Responses.DescribeTasks describe(RequestContext ctx, Requests.DescribeTasks in) {
        List<String> refs = in.tasks();
        if (refs == null || refs.isEmpty()) {
            throw Errors.invalid("Tasks cannot be empty.");
        }
        Validation.maxItems(refs, 100, "tasks");
        Cluster cluster = ecs.resolver().activeCluster(null, ctx, in.cluster());
        boolean withTags = Validation.include(in.include(), Set.of("TAGS")).contains("TAGS");
        List<Task> found = new ArrayList<>();
        List<Failure> failures = new ArrayList<>();
        for (String ref : refs) {
            ecs.resolver().task(null, cluster.clusterArn(), ref).ifPresentOrElse(
                    t -> found.add(withTags(t.task(), withTags)),
                    () -> failures.add(Failure.missing(ecs.resolver().taskArn(cluster.clusterArn(), ref))));
        }
        return new Responses.DescribeTasks(found, failures);
    }

    private Task withTags(Task t, boolean include) {
        return include ? t.toBuilder().tags(ecs.tagsOf(t.taskArn())).build() : t;
    }

    Responses.ListTasks list(RequestContext ctx, Requests.ListTasks in) {
        Validation.oneOf(in.desiredStatus(), Set.of("RUNNING", "PENDING", "STOPPED"), "desiredStatus");
        Validation.oneOf(in.launchType(), ServiceOperations.LAUNCH_TYPES, "launchType");
        Cluster cluster = ecs.resolver().activeCluster(null, ctx, in.cluster());
        String serviceArn = null;
        if (in.serviceName() != null) {
            serviceArn = ecs.resolver().service(null, cluster.clusterArn(), in.serviceName())
                    .orElseThrow(() -> Errors.serviceNotFound(in.serviceName())).arn();
        }
        // ECS lists tasks whose desired status is RUNNING unless asked otherwise; PENDING means the same here
        TaskStatus desired = in.desiredStatus() == null || in.desiredStatus().equals("PENDING") ? TaskStatus.RUNNING
                : TaskStatus.valueOf(in.desiredStatus());
        String familyPrefix = in.family() == null ? null : Arns.taskDefinitionsPrefix(ctx) + in.family() + ":";
        String service = serviceArn;
        Page<StoredTask> page = Page.of(ecs.tables().tasks().withPrefix(Arns.tasksPrefix(cluster.clusterArn()))
                        .filter(t -> t.task().desiredStatus() == desired)
                        .filter(t -> service == null || service.equals(t.serviceArn()))
                        .filter(t -> familyPrefix == null || t.task().taskDefinitionArn().startsWith(familyPrefix))
                        .filter(t -> in.startedBy() == null || in.startedBy().equals(t.task().startedBy()))
                        .filter(t -> in.launchType() == null || in.launchType().equals(t.task().launchType())),
                StoredTask::arn, in.nextToken(), in.maxResults(), 100, 100, "InvalidParameterException");
        return new Responses.ListTasks(page.items().stream().map(StoredTask::arn).toList(), page.nextToken());
    }
}
