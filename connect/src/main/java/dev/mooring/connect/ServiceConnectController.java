package dev.mooring.connect;

import dev.mooring.connect.plan.TaskPlan;
import dev.mooring.control.ecs.EcsTables;
import dev.mooring.control.ecs.StoredTask;
import dev.mooring.control.ecs.TaskDefinition;
import dev.mooring.reconcile.Changes;
import dev.mooring.reconcile.Controller;
import dev.mooring.control.scheduler.DataPlaneHooks;
import dev.mooring.store.Table;
import dev.mooring.task.TaskLaunch;
import java.util.ArrayList;
import java.util.List;

/**
 * The agent in the control plane: a controller that keeps the endpoint snapshot in step with the ECS tables (run
 * before the task reconciler, so a task that stopped being routable is out of every proxy's host sets by the time
 * the reconciler decides whether to signal it), and the hooks the task reconciler calls at launch and stop.
 */
public final class ServiceConnectController implements Controller, DataPlaneHooks {
    private final ServiceConnectAgent agent;
    private final EcsTables tables;

    public ServiceConnectController(ServiceConnectAgent agent, EcsTables tables) {
        this.agent = agent;
        this.tables = tables;
    }

    @Override
    public String name() {
        return "service connect agent";
    }

    @Override
    public List<Table<?>> watches() {
        return List.of(tables.tasks(), tables.services(), tables.taskDefinitions(), tables.tags());
    }

    /** Every change can move a host or a name, and a full rebuild is cheap: look at everything every time. */
    @Override
    public void reconcile(Changes changes) {
        agent.refresh();
        java.util.Set<String> live = new java.util.HashSet<>();
        tables.tasks().stream().filter(t -> !t.task().isStopped()).forEach(t -> live.add(t.task().taskId()));
        agent.plans().keySet().stream().filter(id -> !live.contains(id)).forEach(agent::forget);
    }

    /** The task's alias lines join its launch; its listeners follow when its network is ready (the runtime hook). */
    @Override
    public TaskLaunch wire(StoredTask task, TaskDefinition td, TaskLaunch launch) {
        return agent.planLaunch(task, td).map(plan -> withHosts(launch, plan)).orElse(launch);
    }

    static TaskLaunch withHosts(TaskLaunch launch, TaskPlan plan) {
        List<TaskLaunch.HostEntry> hosts = new ArrayList<>(launch.extraHosts() == null ? List.of()
                : launch.extraHosts());
        plan.hosts().forEach(h -> hosts.add(new TaskLaunch.HostEntry(h.hostname(), h.vip())));
        return new TaskLaunch(launch.taskArn(), launch.taskId(), launch.region(), launch.clusterName(),
                launch.family(), launch.revision(), launch.containers(), List.copyOf(hosts), launch.cpu(),
                launch.memoryMiB());
    }

    @Override
    public boolean receivesTraffic(String taskId) {
        return agent.receivesTraffic(taskId);
    }
}
