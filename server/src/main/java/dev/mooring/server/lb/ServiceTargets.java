package dev.mooring.server.lb;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mooring.control.ecs.EcsState;
import dev.mooring.control.ecs.StoredService;
import dev.mooring.control.ecs.StoredTask;
import dev.mooring.control.ecs.Task;
import dev.mooring.control.ecs.TaskDefinition;
import dev.mooring.elb.OwnedTargets;
import dev.mooring.reconcile.Changes;
import dev.mooring.reconcile.Controller;
import dev.mooring.store.Table;
import dev.mooring.task.Routability;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Keeps each ECS service task registered, by its address and container port, in the target groups of the service's
 * {@code loadBalancers} while it can take traffic ({@link Routability#isHealthy}: RUNNING and, when an essential
 * container has a health check, HEALTHY, as ECS registers). A task that stops being so (it is stopping, or failing
 * its checks) is deregistered and drains; the task reconciler holds its SIGTERM until it has drained. Runs in the
 * server's reconcile engine after ECS's controllers and before the load balancers' own.
 */
public final class ServiceTargets implements Controller {
    private final EcsState ecs;
    private final OwnedTargets owned;

    public ServiceTargets(EcsState ecs, OwnedTargets owned) {
        this.ecs = ecs;
        this.owned = owned;
    }

    @Override
    public String name() {
        return "ecs-load-balancer-targets";
    }

    @Override
    public List<Table<?>> watches() {
        return List.of(ecs.tables().tasks(), ecs.tables().services());
    }

    /** Looks at every service task each pass: the desired registrations are a function of all of them. */
    @Override
    public void reconcile(Changes changes) {
        Map<String, Set<OwnedTargets.Target>> desired = new HashMap<>();
        for (StoredTask stored : ecs.tables().tasks().all()) {
            if (stored.serviceArn() == null) {
                continue;
            }
            Optional<JsonNode> lbs = ecs.tables().services().get(stored.serviceArn())
                    .map(StoredService::service).map(s -> s.loadBalancers()).filter(l -> !l.isEmpty());
            Task t = stored.task();
            String address = t.privateIpv4Address();
            if (lbs.isEmpty() || address == null || !takesTraffic(t)) {
                continue;
            }
            Set<OwnedTargets.Target> targets = new HashSet<>();
            for (JsonNode lb : lbs.get()) {
                targets.add(new OwnedTargets.Target(lb.path("targetGroupArn").asText(), address,
                        lb.path("containerPort").asInt()));
            }
            desired.put(t.taskArn(), targets);
        }
        owned.sync(desired);
    }

    private boolean takesTraffic(Task t) {
        return Routability.isHealthy(t.desiredStatus(), t.lastStatus(), t.healthStatus(),
                () -> ecs.tables().taskDefinitions().get(t.taskDefinitionArn())
                        .map(TaskDefinition::containerDefinitions).stream().flatMap(List::stream)
                        .anyMatch(c -> !Boolean.FALSE.equals(c.essential()) && c.healthCheck() != null));
    }
}
