package dev.mooring.elb;

import dev.mooring.core.operation.Operations;
import dev.mooring.elb.dataplane.AlbDataPlane;
import dev.mooring.elb.dataplane.AlbMetrics;
import dev.mooring.elb.health.HealthChecks;
import dev.mooring.proxy.DataPlane;
import dev.mooring.store.Snapshot;
import dev.mooring.store.Store;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Elastic Load Balancing (v2) over one store: its tables, its operations for the API layer, the health checks, the
 * reconcile pass and (when given a data plane) the listeners, run on a thread of its own after every store change,
 * every health change and every second.
 */
public final class Elb implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Elb.class);
    static final Duration TICK = Duration.ofSeconds(1);

    private final ElbTables tables;
    private final HealthChecks health;
    private final ElbController controller;
    private final Operations operations;
    private final TargetOps targets;
    private final OwnedTargets owned;
    private final List<Runnable> beforePass = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile AlbDataPlane dataPlane;
    private final java.time.Clock clock;
    private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "mooring-elb");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean woken = new AtomicBoolean();

    /** {@code targetNetworks}: where targets may be (health checks and traffic go only there). */
    public Elb(Store store, Clock clock, List<Cidr> targetNetworks) {
        this(store, clock, targetNetworks, LoadBalancerAddresses.NONE);
    }

    /** {@code addresses}: where each load balancer gets its address in the task network. */
    public Elb(Store store, Clock clock, List<Cidr> targetNetworks, LoadBalancerAddresses addresses) {
        this.tables = ElbTables.open(store);
        this.health = new HealthChecks(clock);
        this.controller = new ElbController(tables, health, clock, addresses);
        this.targets = new TargetOps(tables, health, targetNetworks);
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
                g.targetGroup().port(), TargetGroupOps.users(tx.stream(tables.listeners()), tx.stream(tables.rules()),
                        arn)));
    }

    /** The targets other parts of Mooring register on users' behalf (ECS services' tasks). */
    public OwnedTargets ownedTargets() {
        return owned;
    }

    /**
     * Runs {@code step} at the start of every pass, before the load balancers' own reconcile: how a part of Mooring
     * that owns targets keeps them in step with its own state (woken by the same store changes).
     */
    public void beforeEachPass(Runnable step) {
        beforePass.add(step);
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
        return this;
    }

    public ElbController controller() {
        return controller;
    }

    /** Starts the reconcile pass. */
    public Elb start() {
        tables.store().onChange(this::wake);
        health.onChange(this::wake);
        loop.scheduleWithFixedDelay(this::pass, 0, TICK.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    private void wake() {
        if (woken.compareAndSet(false, true)) {
            try {
                loop.execute(() -> {
                    woken.set(false);
                    pass();
                });
            } catch (java.util.concurrent.RejectedExecutionException closed) {
                // shutting down
            }
        }
    }

    private void pass() {
        try {
            beforePass.forEach(Runnable::run);
            controller.reconcile();
            var plane = dataPlane;
            if (plane != null) {
                plane.reconcile();
            }
        } catch (RuntimeException | Error e) {
            // a scheduled task that throws is never run again: log and keep the loop alive for the next pass
            LOG.error("load balancer reconcile pass failed; the next pass retries", e);
        }
    }

    @Override
    public void close() {
        loop.shutdownNow();
        try {
            loop.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        controller.releaseAll();
        if (dataPlane != null) {
            dataPlane.close();
        }
        health.close();
    }
}
