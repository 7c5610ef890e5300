package dev.mooring.control.scheduler;

import dev.mooring.control.Arn;
import dev.mooring.control.cloudmap.CloudMapService;
import dev.mooring.control.ecs.Arns;
import dev.mooring.control.ecs.EcsState;
import dev.mooring.control.ecs.StoredTask;
import dev.mooring.control.ecs.Task;
import dev.mooring.control.ecs.TaskDefinition;
import dev.mooring.reconcile.Changes;
import dev.mooring.reconcile.Controller;
import dev.mooring.reconcile.Key;
import dev.mooring.store.Table;
import dev.mooring.store.Tx;
import dev.mooring.task.ContainerStatus;
import dev.mooring.task.StopCode;
import dev.mooring.task.TaskObservation;
import dev.mooring.task.TaskRuntime;
import dev.mooring.task.TaskStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives every task toward its desired status: launches what should run, stops what should stop (after taking it
 * out of Cloud Map), copies what the runtime observes into the task, keeps Cloud Map instances in step with RUNNING
 * tasks, releases stopped tasks from the runtime and forgets them an hour later, as ECS does.
 */
public final class TaskReconciler implements Controller {
    private static final Logger log = LoggerFactory.getLogger(TaskReconciler.class);
    /** How long a STOPPED task stays visible (ECS: "at least one hour"). */
    static final Duration STOPPED_RETENTION = Duration.ofHours(1);

    private final EcsState ecs;
    private final TaskRuntime runtime;
    private final Clock clock;
    private final LaunchPlanner launches;
    private final RegistrationTargets registrations;
    private volatile DataPlaneHooks dataPlane = DataPlaneHooks.NONE;

    /** Task id to ARN, for the runtime's change events, which name tasks by id. */
    private final Map<String, String> arnById = new HashMap<>();

    /** A change found in a pass: {@code after} null deletes the task. */
    private record Change(StoredTask before, StoredTask after, Map<String, Map<String, String>> targets) {}

    public TaskReconciler(EcsState ecs, TaskRuntime runtime, Clock clock) {
        this.ecs = ecs;
        this.runtime = runtime;
        this.clock = clock;
        this.launches = new LaunchPlanner();
        this.registrations = new RegistrationTargets(ecs);
    }

    /** Set once by the composition root, before the engine starts. */
    public void dataPlane(DataPlaneHooks hooks) {
        this.dataPlane = hooks;
    }

    @Override
    public String name() {
        return "task reconciler";
    }

    @Override
    public List<Table<?>> watches() {
        return List.of(ecs.tables().tasks(), ecs.tables().services(), ecs.tables().taskDefinitions());
    }

    @Override
    public void reconcile(Changes changed) {
        Instant now = clock.instant();
        List<Change> changes = new ArrayList<>();
        for (StoredTask stored : affected(changed)) {
            Change c = isolated(stored, now);
            if (c != null) {
                changes.add(c);
            }
        }
        if (!changes.isEmpty()) {
            ecs.store().write(tx -> {
                for (Change c : changes) {
                    // optimistic: an operation changed this task since the snapshot; the next pass redoes it
                    if (!tx.get(ecs.tables().tasks(), c.before().arn()).equals(Optional.of(c.before()))) {
                        continue;
                    }
                    if (c.after() == null) {
                        tx.delete(ecs.tables().tasks(), c.before().arn());
                        tx.delete(ecs.tables().tags(), c.before().arn());
                        continue;
                    }
                    StoredTask after = c.after();
                    if (c.targets() != null) {
                        after = after.withRegistrations(register(tx, after, c.targets(), now));
                    }
                    if (!after.equals(c.before())) {
                        tx.put(ecs.tables().tasks(), after);
                    }
                }
                return null;
            });
        }
    }

    /**
     * The tasks a change can move: changed tasks, tasks the runtime reported on, and the tasks of changed services
     * (their Cloud Map registrations follow the service). A new task definition or a resync looks at every task.
     */
    private Collection<StoredTask> affected(Changes changed) {
        Table<StoredTask> tasks = ecs.tables().tasks();
        if (changed.resync() || !changed.ids(ecs.tables().taskDefinitions()).isEmpty()) {
            List<StoredTask> all = tasks.all();
            arnById.clear();
            all.forEach(t -> arnById.put(t.task().taskId(), t.arn()));
            return all;
        }
        Map<String, StoredTask> affected = new LinkedHashMap<>();
        for (String arn : changed.ids(tasks)) {
            Optional<StoredTask> t = tasks.get(arn);
            t.ifPresentOrElse(x -> {
                affected.put(arn, x);
                arnById.put(x.task().taskId(), arn);
            }, () -> arnById.remove(Arns.lastSegment(arn)));
        }
        for (String id : changed.ids(Key.RUNTIME_TASK)) {
            String arn = arnById.get(id);
            if (arn != null) {
                tasks.get(arn).ifPresent(t -> affected.put(arn, t));
            }
        }
        Set<String> services = changed.ids(ecs.tables().services());
        if (!services.isEmpty()) {
            tasks.stream().filter(t -> t.serviceArn() != null && services.contains(t.serviceArn())).forEach(t -> {
                affected.put(t.arn(), t);
                arnById.put(t.task().taskId(), t.arn());
            });
        }
        return affected.values();
    }

    /**
     * One task's step, kept from stalling every other task when it fails: a task that cannot be handed to the
     * runtime stops with TaskFailedToStart and the reason, anything else is logged and retried on the next pass.
     */
    private Change isolated(StoredTask stored, Instant now) {
        try {
            return reconcile(stored, now);
        } catch (RuntimeException e) {
            Task t = stored.task();
            log.error("reconciling task {} failed", t.taskArn(), e);
            if (TaskStatus.PROVISIONING.equals(t.lastStatus()) && runtime.observe(t.taskId()).isEmpty()) {
                Task stopped = stoppedWithout(t, StopCode.TASK_FAILED_TO_START, "Mooring could not start this task: "
                        + e.getMessage(), now);
                return new Change(stored, stored.with(stopped.toBuilder().version(t.version() + 1).build()), null);
            }
            return null;
        }
    }

    private Change reconcile(StoredTask stored, Instant now) {
        Task t = stored.task();
        String id = t.taskId();
        Optional<TaskObservation> seen = runtime.observe(id);
        if (t.isStopped()) {
            if (seen.isPresent()) {
                runtime.release(id);
            }
            boolean expired = t.stoppedAt() != null && t.stoppedAt().plus(STOPPED_RETENTION).isBefore(now);
            boolean accounted = stored.serviceArn() == null || stored.acknowledged();
            return expired && accounted ? new Change(stored, null, null) : null;
        }
        Task next;
        if (seen.isEmpty()) {
            if (TaskStatus.PROVISIONING.equals(t.lastStatus()) && TaskStatus.RUNNING.equals(t.desiredStatus())) {
                Optional<TaskDefinition> td = ecs.tables().taskDefinitions().get(t.taskDefinitionArn());
                if (td.isPresent()) {
                    runtime.launch(dataPlane.wire(stored, td.get(), launches.plan(t, td.get())));
                    return null;
                }
                next = stoppedWithout(t, StopCode.TASK_FAILED_TO_START, "Task definition " + t.taskDefinitionArn()
                        + " no longer exists", now);
            } else if (TaskStatus.PROVISIONING.equals(t.lastStatus())) {
                next = stoppedWithout(t, t.stopCode(), t.stoppedReason(), now);
            } else {
                // the runtime lost it (Mooring restarted, or the runtime was replaced): it is not running anywhere
                log.warn("task {} ({}) was {} when Mooring stopped; marking it STOPPED{}", t.taskArn(),
                        t.group(), t.lastStatus(), t.group() != null && t.group().startsWith("service:")
                                ? ", its service starts a replacement" : "");
                next = stoppedWithout(t, t.startedAt() == null ? StopCode.TASK_FAILED_TO_START
                        : StopCode.TERMINATION_NOTICE,
                        "The runtime no longer has this task (Mooring restarted while it ran)", now);
            }
        } else {
            TaskObservation o = seen.get();
            next = TaskObservations.apply(t, o, now);
            if (next.desiredStatus() == TaskStatus.STOPPED && !o.lastStatus().isEnding()
                    && stored.registrations().isEmpty() && !dataPlane.receivesTraffic(id)
                    && ecs.loadBalancing().drained(t.taskArn())) {
                // out of Cloud Map and out of every proxy's host sets first (earlier passes), and drained out of its
                // target groups for their deregistration delay, so no client is sent to a stopping task and none is
                // cut off
                runtime.stop(id, next.stoppedReason());
            }
        }
        Map<String, Map<String, String>> targets = registrations.of(stored.with(next));
        boolean registrationsChange = !targets.keySet().equals(new HashSet<>(stored.registrations()));
        if (next.equals(t) && !registrationsChange) {
            return null;
        }
        Task versioned = next.equals(t) ? t : next.toBuilder().version(t.version() + 1).build();
        return new Change(stored, stored.with(versioned), registrationsChange ? targets : null);
    }

    /** A task that never reached the runtime, or that the runtime no longer has, as STOPPED. */
    private static Task stoppedWithout(Task t, StopCode stopCode, String reason, Instant now) {
        return t.toBuilder().desiredStatus(TaskStatus.STOPPED).lastStatus(TaskStatus.STOPPED)
                .stopCode(t.stopCode() != null ? t.stopCode() : stopCode)
                .stoppedReason(t.stoppedReason() != null ? t.stoppedReason() : reason)
                .stoppingAt(t.stoppingAt() != null ? t.stoppingAt() : now).stoppedAt(now).executionStoppedAt(now)
                .containers(t.containers().stream().map(c -> c.withLastStatus(ContainerStatus.STOPPED)).toList())
                .attachments(t.attachments().stream().map(a -> new Task.Attachment(a.id(), a.type(), "DELETED",
                        a.details())).toList())
                .build();
    }

    /** Registers and deregisters inside the write; returns the Cloud Map services the task is now in. */
    private List<String> register(Tx tx, StoredTask task, Map<String, Map<String, String>> targets,
                                  Instant now) {
        String region = Arn.region(task.arn());
        List<String> registered = new ArrayList<>();
        for (String arn : task.registrations()) {
            if (!targets.containsKey(arn)) {
                ecs.cloudMap().findServiceByArn(tx, region, arn)
                        .ifPresent(s -> ecs.cloudMap().deregisterInstance(tx, s, task.task().taskId()));
            } else {
                registered.add(arn);
            }
        }
        for (var e : targets.entrySet()) {
            if (!registered.contains(e.getKey())) {
                Optional<CloudMapService> s = ecs.cloudMap().findServiceByArn(tx, region, e.getKey());
                if (s.isPresent()) {
                    ecs.cloudMap().registerInstance(tx, s.get(), task.task().taskId(), e.getValue(), now);
                    registered.add(e.getKey());
                }
            }
        }
        return registered;
    }
}
