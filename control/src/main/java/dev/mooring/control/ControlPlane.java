package dev.mooring.control;

import dev.mooring.control.cloudmap.CloudMapApi;
import dev.mooring.control.cloudmap.CloudMapState;
import dev.mooring.control.route53.HostedZones;
import dev.mooring.control.route53.Route53Api;
import dev.mooring.control.ecs.EcsApi;
import dev.mooring.control.ecs.EcsState;
import dev.mooring.control.ecs.StoredTask;
import dev.mooring.control.ecs.LoadBalancing;
import dev.mooring.control.runtime.TaskRuntime;
import dev.mooring.control.scheduler.ControlLoop;
import dev.mooring.control.scheduler.ServiceScheduler;
import dev.mooring.control.scheduler.TaskReconciler;
import dev.mooring.core.operation.Operations;
import dev.mooring.store.Store;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Assembles the control plane over one store and one runtime: declares the tables, offers every operation to the API
 * layer, and runs the reconcile loops.
 */
public final class ControlPlane implements AutoCloseable {
    /** The reconcile loops' periodic pass, beside the passes that store and runtime changes trigger. */
    static final Duration TICK = Duration.ofSeconds(1);

    private final Store store;
    private final TaskRuntime runtime;
    private final String accountId;
    private final Clock clock;
    private final CloudMapState cloudMap;
    private final HostedZones hostedZones;
    private final EcsState ecs;
    private final ControlLoop loop;

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
        this.loop = new ControlLoop(
                new TaskReconciler(ecs, runtime, clock),
                new ServiceScheduler(ecs, clock), TICK);
        store.onChange(loop::wake);
        runtime.onChange(loop::wake);
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

    /** Starts the reconcile loops. */
    public void start() {
        loop.start();
    }

    /** Wipes all state (admin reset): stops every task first so nothing keeps running unrecorded. */
    public void reset() {
        for (StoredTask t : ecs.tables().tasks().all()) {
            runtime.stop(t.task().taskId(), "Mooring state was reset");
        }
        store.reset();
    }

    /** Stops the reconcile loops. The runtime belongs to whoever made it, and is closed by them after this. */
    @Override
    public void close() {
        loop.close();
    }
}
