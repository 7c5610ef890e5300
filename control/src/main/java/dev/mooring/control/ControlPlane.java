package dev.mooring.control;

import dev.mooring.control.cloudmap.CloudMapApi;
import dev.mooring.control.cloudmap.CloudMapState;
import dev.mooring.control.route53.HostedZones;
import dev.mooring.control.route53.Route53Api;
import dev.mooring.control.ecs.EcsApi;
import dev.mooring.control.ecs.EcsState;
import dev.mooring.control.ecs.StoredTask;
import dev.mooring.control.ecs.LoadBalancing;
import dev.mooring.reconcile.Controller;
import dev.mooring.reconcile.Key;
import dev.mooring.reconcile.ReconcileEngine;
import dev.mooring.control.scheduler.OrphanSweeper;
import dev.mooring.control.scheduler.DataPlaneHooks;
import dev.mooring.control.scheduler.ServiceScheduler;
import dev.mooring.control.scheduler.TaskReconciler;
import dev.mooring.core.operation.Operations;
import dev.mooring.store.Store;
import dev.mooring.task.TaskRuntime;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Assembles the control plane over one store and one runtime: declares the tables, registers every operation on a
 * router, and runs the controllers it is given (ECS's own, and whatever the composition root adds) in a
 * {@link ReconcileEngine}.
 */
public final class ControlPlane implements AutoCloseable {
    /** The reconcile engine's periodic resync, beside the passes that store and runtime changes trigger. */
    static final Duration TICK = Duration.ofSeconds(1);

    private final Store store;
    private final TaskRuntime runtime;
    private final String accountId;
    private final Clock clock;
    private final CloudMapState cloudMap;
    private final HostedZones hostedZones;
    private final EcsState ecs;
    private final TaskReconciler tasks;
    private final ServiceScheduler services;
    private final OrphanSweeper orphans;
    private ReconcileEngine engine;

    public ControlPlane(Store store, TaskRuntime runtime, String accountId, Clock clock) {
        this(store, runtime, accountId, clock, LoadBalancing.NONE);
    }

    /** With the target groups that ECS services' {@code loadBalancers} are checked against. */
    public ControlPlane(Store store, TaskRuntime runtime, String accountId, Clock clock,
                        LoadBalancing loadBalancing) {
        this.store = store;
        this.runtime = runtime;
        this.accountId = accountId;
        this.clock = clock;
        this.cloudMap = new CloudMapState(store, accountId);
        this.hostedZones = new HostedZones(store, clock);
        this.ecs = EcsState.open(store, cloudMap, loadBalancing);
        this.tasks = new TaskReconciler(ecs, runtime, clock);
        this.services = new ServiceScheduler(ecs, clock);
        this.orphans = new OrphanSweeper(ecs, runtime);
    }

    /** Every service's operations, for the API layer to serve over whichever protocol each speaks. */
    public List<Operations> services() {
        return List.of(CloudMapApi.operations(cloudMap), EcsApi.operations(ecs), Route53Api.operations(hostedZones));
    }

    /** The clock operations stamp what they record with. */
    public Clock clock() {
        return clock;
    }

    /** The account every ARN this control plane makes carries. */
    public String accountId() {
        return accountId;
    }

    public Store store() {
        return store;
    }

    /** Cloud Map: the catalog ECS writes through, and the zones the DNS server reads. */
    public CloudMapState cloudMap() {
        return cloudMap;
    }

    /** Route 53 private hosted zones: what the Route 53 API drives and the DNS server answers. */
    public HostedZones hostedZones() {
        return hostedZones;
    }

    /** ECS: its tables, for the proxy and the CLI to read. */
    public EcsState ecs() {
        return ecs;
    }

    public TaskRuntime runtime() {
        return runtime;
    }

    /**
     * ECS's controllers, in the order a pass runs them: tasks first, so the scheduler counts what the runtime just
     * reported; then the sweep of tasks the runtime holds with no record.
     */
    public List<Controller> ecsControllers() {
        return List.of(tasks, services, orphans);
    }

    /**
     * Connects the data plane (the Service Connect agent) to task launches and stops; call before {@link #start}.
     */
    public void attach(DataPlaneHooks hooks) {
        tasks.dataPlane(hooks);
    }

    /** Starts ECS's controllers. */
    public void start() {
        start(ecsControllers());
    }

    /** Starts the reconcile engine with these controllers, run in this order; call once. */
    public synchronized void start(List<Controller> controllers) {
        if (engine != null) {
            throw new IllegalStateException("the control plane has started already");
        }
        engine = new ReconcileEngine(store, controllers, TICK);
        runtime.onChange(taskId -> engine.changed(Key.runtimeTask(taskId)));
        engine.start();
    }

    /** Tells the reconcile engine that something outside the store changed (ignored before {@link #start}). */
    public void signal(Key key) {
        ReconcileEngine e;
        synchronized (this) {
            e = engine;
        }
        if (e != null) {
            e.changed(key);
        }
    }

    /** Wipes all state (admin reset): stops every task first so nothing keeps running unrecorded. */
    public void reset() {
        for (StoredTask t : ecs.tables().tasks().all()) {
            runtime.stop(t.task().taskId(), "Mooring state was reset");
        }
        store.reset();
    }

    /** Stops the reconcile engine. The runtime belongs to whoever made it, and is closed by them after this. */
    @Override
    public synchronized void close() {
        if (engine != null) {
            engine.close();
        }
    }
}
