package dev.mooring.elb;

import dev.mooring.core.net.Ipv4Cidr;
import dev.mooring.core.operation.Operations;
import dev.mooring.elb.dataplane.AlbDataPlane;
import dev.mooring.elb.dataplane.AlbMetrics;
import dev.mooring.elb.health.HealthChecks;
import dev.mooring.proxy.DataPlane;
import dev.mooring.reconcile.ReconcileEngine;
import dev.mooring.store.Snapshot;
import dev.mooring.store.Store;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Elastic Load Balancing (v2) over one store: its tables, its operations for the API layer, the health checks, and
 * its {@link ElbController} (which, given a data plane, also serves the listeners). In a whole server the controller
 * runs in the server's reconcile engine beside ECS's; {@link #start()} runs it in an engine of its own, for ELB alone.
 */
public final class Elb implements AutoCloseable {
    static final Duration TICK = Duration.ofSeconds(1);

    private final ElbTables tables;
    private final HealthChecks health;
    private final ElbController controller;
    private final Operations operations;
    private final TargetOperations targets;
    private final OwnedTargets owned;
    private volatile AlbDataPlane dataPlane;
    private final Clock clock;
    private ReconcileEngine engine;
    /** {@code targetNetworks}: where targets may be (health checks and traffic go only there). */
    public Elb(Store store, Clock clock, List<Ipv4Cidr> targetNetworks) {
        this(store, clock, targetNetworks, LoadBalancerAddresses.NONE);
    }

    /** {@code addresses}: where each load balancer gets its address in the task network. */
    public Elb(Store store, Clock clock, List<Ipv4Cidr> targetNetworks, LoadBalancerAddresses addresses) {
        this.tables = ElbTables.open(store);
        this.health = new HealthChecks(clock);
        this.controller = new ElbController(tables, health, clock, addresses);
        this.targets = new TargetOperations(tables, health, targetNetworks);
        this.clock = clock;
        this.owned = new OwnedTargets(tables, clock, targets);
        this.operations = ElbApi.operations(tables, targets);
    }

    /** ELBv2's operations, for the API layer to serve over awsQuery. */
    public Operations operations() {
        return operations;
    }

    public ElbTables tables() {
        return tables;
    }

    public HealthChecks health() {
        return health;
    }

    /** Every load balancer with its listeners, target groups and targets' health, as {@code mooring lb} shows them. */
    public LoadBalancerReport report() {
        AlbDataPlane plane = dataPlane;
        return LoadBalancerReport.of(tables, targets, clock.instant(), listenerArn -> plane == null ? null
                : plane.loopbackAddress(listenerArn));
    }

    /**
     * A target group as another part of Mooring sees it inside its own store write (ECS checks services'
     * {@code loadBalancers} with it): its type and port, and the load balancers whose listeners or rules use it.
     */
    public record TargetGroupUse(String arn, String targetType, int port, java.util.Set<String> loadBalancerArns) {}

    public java.util.Optional<TargetGroupUse> targetGroup(dev.mooring.store.Tx tx, String arn) {
        return tx.get(tables.targetGroups(), arn).map(g -> new TargetGroupUse(arn, g.targetGroup().targetType().wire(),
                g.targetGroup().port(), TargetGroupOperations.users(tx.stream(tables.listeners()), tx.stream(tables.rules()),
                        arn)));
    }

    /** The targets other parts of Mooring register on users' behalf (ECS services' tasks). */
    public OwnedTargets ownedTargets() {
        return owned;
    }

    /**
     * Serves the load balancers' listeners on {@code plane}, internet-facing ones also on loopback ports of
     * {@code loopback}; call before {@link #start}.
     */
    public Elb serveOn(DataPlane plane, AlbDataPlane.LoopbackPorts loopback) {
        return serveOn(plane, loopback, null);
    }

    /** As above, with {@code metrics} (the observer {@code plane} reports to) told each group's healthy hosts. */
    public Elb serveOn(DataPlane plane, AlbDataPlane.LoopbackPorts loopback, AlbMetrics metrics) {
        this.dataPlane = new AlbDataPlane(new AlbDataPlane.View() {
            @Override
            public int[] hostCounts(Snapshot s, StoredTargetGroup g) {
                return targets.hostCounts(s, g);
            }

            @Override
            public Snapshot snapshot() {
                return tables.store().snapshot();
            }

            @Override
            public ElbTables tables() {
                return tables;
            }

            @Override
            public List<InetSocketAddress> routable(Snapshot s, StoredTargetGroup g) {
                return targets.routable(s, g, clock.instant());
            }

            @Override
            public int idleTimeoutSeconds(StoredLoadBalancer lb) {
                return Integer.parseInt(Attributes.value(Attributes.LOAD_BALANCER, lb.attributes(),
                        Attributes.IDLE_TIMEOUT));
            }

            @Override
            public String algorithm(StoredTargetGroup g) {
                return Attributes.value(Attributes.TARGET_GROUP, g.attributes(), Attributes.ALGORITHM);
            }
        }, plane, loopback, metrics);
        controller.serve(dataPlane);
        return this;
    }

    public ElbController controller() {
        return controller;
    }

    /**
     * Runs the controller in a reconcile engine of its own, woken by store changes, health changes and a tick: for ELB
     * alone. A whole server runs {@link #controller()} in its own engine instead, and signals
     * {@link ElbController#TARGET_HEALTH} from {@link HealthChecks#onChange}.
     */
    public synchronized Elb start() {
        engine = new ReconcileEngine(tables.store(), List.of(controller), TICK);
        health.onChange(() -> engine.changed(ElbController.TARGET_HEALTH));
        engine.start();
        return this;
    }

    @Override
    public void close() {
        synchronized (this) {
            if (engine != null) {
                engine.close();
            }
        }
        controller.releaseAll();
        if (dataPlane != null) {
            dataPlane.close();
        }
        health.close();
    }
}
