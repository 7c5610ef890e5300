package dev.mooring.connect;

import dev.mooring.connect.endpoints.EndpointCandidates;
import dev.mooring.connect.endpoints.EndpointSnapshot;
import dev.mooring.connect.endpoints.EndpointSnapshots;
import dev.mooring.connect.plan.NamespaceCatalog;
import dev.mooring.connect.plan.NamespaceCatalogs;
import dev.mooring.connect.plan.PlanRequest;
import dev.mooring.connect.plan.ServiceConnectException;
import dev.mooring.connect.plan.TaskPlan;
import dev.mooring.connect.plan.TaskPlanner;
import dev.mooring.connect.plan.VipAllocator;
import dev.mooring.control.cloudmap.CloudMapState;
import dev.mooring.control.cloudmap.Namespace;
import dev.mooring.control.ecs.Arns;
import dev.mooring.control.ecs.ContainerDefinition.PortMapping;
import dev.mooring.control.ecs.Deployment;
import dev.mooring.control.ecs.EcsTables;
import dev.mooring.control.ResourceTags;
import dev.mooring.control.ecs.ServiceConnectContainer;
import dev.mooring.control.ecs.StoredService;
import dev.mooring.control.ecs.StoredTask;
import dev.mooring.control.ecs.Task;
import dev.mooring.control.ecs.TaskDefinition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Mooring's Service Connect agent (spec §4.3–§4.5). It plans each Service Connect task once, when it launches
 * ({@link #planLaunch}: the endpoint names it sees are fixed then), keeps the endpoint snapshot current from the
 * ECS tables ({@link #refresh}) and hands every new snapshot to the data plane. A task leaves the snapshot as soon
 * as it stops being routable; {@link #receivesTraffic} tells the task reconciler when the data plane has been told,
 * so the app gets SIGTERM only after no proxy sends it new traffic.
 */
public final class ServiceConnectAgent {
    /** What the data plane does with the agent's output; called on the reconcile thread, must not block long. */
    public interface Listener {
        /** A new snapshot: push the host sets that changed to every proxy. */
        void snapshot(EndpointSnapshot snapshot);

        /** A running task's plan grew (live endpoint names only): start listeners for the new endpoints. */
        default void planChanged(TaskPlan before, TaskPlan after) {}
    }

    private final EcsTables tables;
    private final CloudMapState cloudMap;
    private final VipAllocator vips;
    private final EndpointSnapshots snapshots = new EndpointSnapshots();
    private final Map<String, TaskPlan> plans = new ConcurrentHashMap<>();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private volatile EndpointSnapshot published = EndpointSnapshot.EMPTY;
    /** When each task left the published snapshot; forgotten once the grace is over. */
    private final Map<String, java.time.Instant> withdrawnAt = new ConcurrentHashMap<>();
    private final java.time.Clock clock;

    /**
     * How long a task that left every host set still counts as receiving traffic: a request that picked it just
     * before the swap is on its way, and should reach the app before the app is told to stop.
     */
    public static final java.time.Duration WITHDRAWAL_GRACE = java.time.Duration.ofSeconds(1);

    public ServiceConnectAgent(EcsTables tables, CloudMapState cloudMap, VipAllocator vips) {
        this(tables, cloudMap, vips, java.time.Clock.systemUTC());
    }

    public ServiceConnectAgent(EcsTables tables, CloudMapState cloudMap, VipAllocator vips, java.time.Clock clock) {
        this.clock = clock;
        this.tables = tables;
        this.cloudMap = cloudMap;
        this.vips = vips;
    }

    public void addListener(Listener listener) {
        listeners.add(listener);
    }

    /**
     * The plan of a task about to launch, made once and kept for the task's life; empty when its deployment does
     * not use Service Connect (RunTask tasks never do, spec §4.6).
     *
     * @throws ServiceConnectException when the task cannot be wired (the launch stops it with this reason)
     */
    public Optional<TaskPlan> planLaunch(StoredTask stored, TaskDefinition td) {
        TaskPlan known = plans.get(stored.task().taskId());
        if (known != null) {
            return Optional.of(known);
        }
        Optional<PlanRequest> request = request(stored, td);
        if (request.isEmpty()) {
            return Optional.empty();
        }
        TaskPlan plan = TaskPlanner.plan(request.get(), vips);
        plans.put(stored.task().taskId(), plan);
        return Optional.of(plan);
    }

    private Optional<PlanRequest> request(StoredTask stored, TaskDefinition td) {
        Task t = stored.task();
        if (stored.serviceArn() == null) {
            return Optional.empty();
        }
        Optional<StoredService> service = tables.services().get(stored.serviceArn());
        Optional<Deployment> deployment = service.flatMap(s -> s.service().deployments().stream()
                .filter(d -> d.id().equals(t.startedBy())).findFirst());
        if (deployment.isEmpty() || deployment.get().serviceConnectConfiguration() == null
                || !deployment.get().serviceConnectConfiguration().isEnabled()) {
            return Optional.empty();
        }
        String namespaceArn = service.get().namespaces() == null ? null
                : service.get().namespaces().get(deployment.get().id());
        if (namespaceArn == null) {
            throw new ServiceConnectException("the Service Connect namespace of deployment "
                    + deployment.get().id() + " is unknown");
        }
        String namespaceName = cloudMap.read().namespace(dev.mooring.control.Arn.region(namespaceArn), namespaceArn)
                .map(Namespace::name).orElseThrow(() -> new ServiceConnectException("Service Connect namespace "
                        + namespaceArn + " no longer exists"));
        NamespaceCatalog catalog = NamespaceCatalogs.of(tables, namespaceArn, namespaceName);
        List<PortMapping> ports = td.containerDefinitions().stream().flatMap(c -> c.portMappings() == null
                ? java.util.stream.Stream.empty() : c.portMappings().stream()).toList();
        return Optional.of(new PlanRequest(t.taskId(), ServiceConnectContainer.name(t.taskId()),
                Arns.lastSegment(t.clusterArn()), service.get().service().serviceName(),
                deployment.get().serviceConnectConfiguration(), catalog, ports, tags(stored.serviceArn())));
    }

    private Map<String, String> tags(String arn) {
        Map<String, String> out = new HashMap<>();
        tables.tags().get(arn).map(ResourceTags::tags).orElse(List.of()).stream()
                .filter(tag -> tag.key() != null && tag.value() != null).forEach(tag -> out.put(tag.key(),
                        tag.value()));
        return out;
    }

    /** The plan a task started with (grown, for live endpoint names), if it is a Service Connect task. */
    public Optional<TaskPlan> plan(String taskId) {
        return Optional.ofNullable(plans.get(taskId));
    }

    public Map<String, TaskPlan> plans() {
        return Map.copyOf(plans);
    }

    /** The task stopped and was released: its plan goes (its VIPs stay, they belong to the names). */
    public void forget(String taskId) {
        plans.remove(taskId);
    }

    /**
     * One reconcile step: rebuilds the snapshot from the ECS tables, hands a changed one to every listener, grows
     * the plans of tasks with live endpoint names, and forgets plans of tasks no longer in the tables.
     */
    public EndpointSnapshot refresh() {
        EndpointSnapshot next = snapshots.update(EndpointCandidates.from(tables));
        if (next.version() != published.version()) {
            listeners.forEach(l -> l.snapshot(next));
            java.time.Instant now = clock.instant();
            published.taskIds().stream().filter(id -> !next.taskIds().contains(id))
                    .forEach(id -> withdrawnAt.put(id, now));
            published = next;
        }
        java.time.Instant expired = clock.instant().minus(WITHDRAWAL_GRACE);
        withdrawnAt.values().removeIf(at -> at.isBefore(expired));
        growLivePlans();
        return next;
    }

    private void growLivePlans() {
        List<TaskPlan> live = new ArrayList<>(plans.values().stream().filter(TaskPlan::liveEndpoints).toList());
        for (TaskPlan before : live) {
            Optional<StoredTask> stored = tables.tasks().stream()
                    .filter(s -> s.task().taskId().equals(before.taskId())).findFirst();
            Optional<TaskDefinition> td = stored.flatMap(s -> tables.taskDefinitions()
                    .get(s.task().taskDefinitionArn()));
            if (stored.isEmpty() || td.isEmpty() || stored.get().task().isStopped()) {
                continue;
            }
            try {
                Optional<PlanRequest> request = request(stored.get(), td.get());
                if (request.isEmpty()) {
                    continue;
                }
                TaskPlan after = TaskPlanner.extend(before, request.get(), vips);
                if (!after.egress().equals(before.egress())) {
                    plans.put(before.taskId(), after);
                    listeners.forEach(l -> l.planChanged(before, after));
                }
            } catch (ServiceConnectException e) {
                // the running task keeps what it has; the next refresh tries again
            }
        }
    }

    /**
     * Whether some proxy may still send this task requests: it is in the snapshot the data plane was last given, or
     * left it less than {@link #WITHDRAWAL_GRACE} ago. The task reconciler signals a stopping task only once this is
     * false (spec §4.4 draining); its periodic resync comes back for it.
     */
    public boolean receivesTraffic(String taskId) {
        if (published.taskIds().contains(taskId)) {
            return true;
        }
        java.time.Instant left = withdrawnAt.get(taskId);
        return left != null && left.plus(WITHDRAWAL_GRACE).isAfter(clock.instant());
    }
}
