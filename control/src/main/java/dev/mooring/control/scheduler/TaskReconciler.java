package dev.mooring.control.scheduler;

import dev.mooring.control.cloudmap.CloudMapService;
import dev.mooring.control.ecs.Arns;
import dev.mooring.control.ecs.EcsState;
import dev.mooring.control.ecs.StoredTask;
import dev.mooring.control.ecs.Task;
import dev.mooring.control.ecs.TaskDefinition;
import dev.mooring.control.runtime.TaskObservation;
import dev.mooring.control.runtime.TaskRuntime;
import dev.mooring.store.Tx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives every task toward its desired status: launches what should run, stops what should stop (after taking it
 * out of Cloud Map), copies what the runtime observes into the task, keeps Cloud Map instances in step with RUNNING
 * tasks, releases stopped tasks from the runtime and forgets them an hour later, as ECS does.
 */
public final class TaskReconciler {
    private static final Logger log = LoggerFactory.getLogger(TaskReconciler.class);
    /** How long a STOPPED task stays visible (ECS: "at least one hour"). */
    static final Duration STOPPED_RETENTION = Duration.ofHours(1);

    private final EcsState ecs;
    private final TaskRuntime runtime;
    private final Clock clock;
    private final LaunchPlanner launches;
    private final RegistrationTargets registrations;

    /** A change found in a pass: {@code after} null deletes the task. */
    private record Change(StoredTask before, StoredTask after, Map<String, Map<String, String>> targets) {}

    public TaskReconciler(EcsState ecs, TaskRuntime runtime, Clock clock) {
        this.ecs = ecs;
        this.runtime = runtime;
        this.clock = clock;
        this.launches = new LaunchPlanner();
        this.registrations = new RegistrationTargets(ecs);
    }

    public void reconcile() {
        Instant now = clock.instant();
        List<Change> changes = new ArrayList<>();
        for (StoredTask stored : ecs.tables().tasks().all()) {
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
     * One task's step, kept from stalling every other task when it fails: a task that cannot be handed to the
     * runtime stops with TaskFailedToStart and the reason, anything else is logged and retried on the next pass.
     */
    private Change isolated(StoredTask stored, Instant now) {
        try {
            return reconcile(stored, now);
        } catch (RuntimeException e) {
            Task t = stored.task();
            log.error("reconciling task {} failed", t.taskArn(), e);
            if (Task.PROVISIONING.equals(t.lastStatus()) && runtime.observe(t.taskId()).isEmpty()) {
                Task stopped = stoppedWithout(t, "TaskFailedToStart", "Mooring could not start this task: "
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
            if (Task.PROVISIONING.equals(t.lastStatus()) && Task.RUNNING.equals(t.desiredStatus())) {
                Optional<TaskDefinition> td = ecs.tables().taskDefinitions().get(t.taskDefinitionArn());
                if (td.isPresent()) {
                    runtime.launch(launches.plan(t, td.get()));
                    return null;
                }
                next = stoppedWithout(t, "TaskFailedToStart", "Task definition " + t.taskDefinitionArn()
                        + " no longer exists", now);
            } else if (Task.PROVISIONING.equals(t.lastStatus())) {
                next = stoppedWithout(t, t.stopCode(), t.stoppedReason(), now);
            } else {
                // the runtime lost it (Mooring restarted, or the runtime was replaced): it is not running anywhere
                next = stoppedWithout(t, t.startedAt() == null ? "TaskFailedToStart" : "TerminationNotice",
                        "The runtime no longer has this task (Mooring restarted while it ran)", now);
            }
        } else {
            TaskObservation o = seen.get();
            next = TaskObservations.apply(t, o, now);
            boolean stoppable = !Task.STOPPED.equals(o.lastStatus()) && !Task.DEPROVISIONING.equals(o.lastStatus());
            if (Task.STOPPED.equals(next.desiredStatus()) && stoppable && stored.registrations().isEmpty()
                    && ecs.loadBalancing().drained(t.taskArn())) {
                // deregistered from Cloud Map first (an earlier pass), and drained out of its target groups for
                // their deregistration delay, so no client is sent to a stopping task and none is cut off
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
    private static Task stoppedWithout(Task t, String stopCode, String reason, Instant now) {
        return t.toBuilder().desiredStatus(Task.STOPPED).lastStatus(Task.STOPPED)
                .stopCode(t.stopCode() != null ? t.stopCode() : stopCode)
                .stoppedReason(t.stoppedReason() != null ? t.stoppedReason() : reason)
                .stoppingAt(t.stoppingAt() != null ? t.stoppingAt() : now).stoppedAt(now).executionStoppedAt(now)
                .containers(t.containers().stream().map(c -> new Task.Container(c.containerArn(), c.taskArn(),
                        c.name(), c.image(), c.imageDigest(), c.runtimeId(), Task.STOPPED, c.exitCode(), c.reason(),
                        c.networkBindings(), c.networkInterfaces(), c.healthStatus(), c.cpu(), c.memory(),
                        c.memoryReservation())).toList())
                .attachments(t.attachments().stream().map(a -> new Task.Attachment(a.id(), a.type(), "DELETED",
                        a.details())).toList())
                .build();
    }

    /** Registers and deregisters inside the write; returns the Cloud Map services the task is now in. */
    private List<String> register(Tx tx, StoredTask task, Map<String, Map<String, String>> targets,
                                  Instant now) {
        String region = Arns.region(task.arn());
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
