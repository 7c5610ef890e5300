package dev.mooring.control.ecs;

import dev.mooring.core.operation.RequestContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * UpdateTaskProtection and GetTaskProtection. Protection is recorded and answered as ECS answers it (120 minutes
 * unless {@code expiresInMinutes}, 1 to 2880); an expired protection reads as disabled.
 */
final class TaskProtectionOperations {
    private static final int DEFAULT_MINUTES = 120;
    private static final int MAX_MINUTES = 2880;

    private final EcsState ecs;

    TaskProtectionOperations(EcsState ecs) {
        this.ecs = ecs;
    }

    Responses.TaskProtectionResponse update(RequestContext ctx, Requests.UpdateTaskProtection in) {
        Validation.require(in.cluster(), "cluster");
        List<String> refs = requireTasks(in.tasks());
        boolean enabled = Validation.require(in.protectionEnabled(), "protectionEnabled");
        int minutes = in.expiresInMinutes() == null ? DEFAULT_MINUTES : in.expiresInMinutes();
        if (minutes < 1 || minutes > MAX_MINUTES) {
            throw Errors.invalid("expiresInMinutes " + minutes + " is out of range: 1 to " + MAX_MINUTES + ".");
        }
        List<TaskProtection> changed = new ArrayList<>();
        List<Failure> failures = new ArrayList<>();
        ecs.store().write(tx -> {
            Cluster cluster = ecs.resolver().activeCluster(tx, ctx, in.cluster());
            for (String ref : refs) {
                var task = ecs.resolver().task(tx, cluster.clusterArn(), ref).filter(t -> !t.task().isStopped());
                if (task.isEmpty()) {
                    failures.add(Failure.missing(ecs.resolver().taskArn(cluster.clusterArn(), ref)));
                    continue;
                }
                TaskProtection p = new TaskProtection(task.get().arn(), enabled,
                        enabled ? ctx.receivedAt().plus(Duration.ofMinutes(minutes)) : null);
                tx.put(ecs.tables().taskProtection(), p);
                changed.add(p);
            }
            return null;
        });
        return new Responses.TaskProtectionResponse(changed, failures);
    }

    Responses.TaskProtectionResponse get(RequestContext ctx, Requests.GetTaskProtection in) {
        Validation.require(in.cluster(), "cluster");
        Cluster cluster = ecs.resolver().activeCluster(null, ctx, in.cluster());
        List<String> refs = in.tasks() == null ? List.of() : in.tasks();
        Validation.maxItems(refs, 10, "tasks");
        List<TaskProtection> found = new ArrayList<>();
        List<Failure> failures = new ArrayList<>();
        for (String ref : refs) {
            var task = ecs.resolver().task(null, cluster.clusterArn(), ref);
            if (task.isEmpty()) {
                failures.add(Failure.missing(ecs.resolver().taskArn(cluster.clusterArn(), ref)));
                continue;
            }
            found.add(current(task.get().arn(), ctx.receivedAt()));
        }
        return new Responses.TaskProtectionResponse(found, failures);
    }

    private TaskProtection current(String taskArn, Instant now) {
        return ecs.tables().taskProtection().get(taskArn)
                .filter(p -> Boolean.TRUE.equals(p.protectionEnabled()) && p.expirationDate() != null
                        && p.expirationDate().isAfter(now))
                .orElse(new TaskProtection(taskArn, false, null));
    }

    private static List<String> requireTasks(List<String> tasks) {
        List<String> refs = Validation.require(tasks, "tasks");
        if (refs.isEmpty()) {
            throw Errors.required("tasks");
        }
        Validation.maxItems(refs, 10, "tasks");
        return refs;
    }
}
