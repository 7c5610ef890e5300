package dev.mooring.server;

import dev.mooring.api.ApiResponse;
import dev.mooring.api.ApiServer;
import dev.mooring.api.MooringApi;
import dev.mooring.api.admin.AdminEndpoints;
import dev.mooring.control.ControlPlane;
import dev.mooring.control.ecs.LoadBalancing;
import dev.mooring.core.net.Ipv4Cidr;
import dev.mooring.core.operation.Operations;
import dev.mooring.elb.Elb;
import dev.mooring.elb.ElbController;
import dev.mooring.elb.LoadBalancerAddresses;
import dev.mooring.elb.OwnedTargets;
import dev.mooring.elb.dataplane.AlbDataPlane;
import dev.mooring.elb.dataplane.AlbMetrics;
import dev.mooring.metrics.MetricRegistry;
import dev.mooring.metrics.ServiceConnectMetrics;
import dev.mooring.proxy.DataPlane;
import dev.mooring.reconcile.Controller;
import dev.mooring.server.chaos.TaskSignalEndpoint;
import dev.mooring.server.connect.ServiceConnectBridge;
import dev.mooring.server.dns.MooringDns;
import dev.mooring.server.lb.ServiceTargets;
import dev.mooring.runtime.ProcessRuntime;
import dev.mooring.runtime.net.NetworkConfig;
import dev.mooring.store.Store;
import dev.mooring.task.TaskRuntime;
import dev.mooring.task.simulated.SimulatedRuntime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The whole server assembled from its parts: store, runtime, control plane, DNS and API. {@code mooring server} runs
 * one; tests start one in-process on an ephemeral port. Parts close in reverse order of start, so tasks stop and
 * their namespaces go before the store closes.
 */
public final class MooringServer implements AutoCloseable {
    /** How tasks run. */
    public enum RuntimeKind { PROCESS, SIMULATED }

    private final List<AutoCloseable> started = new ArrayList<>();
    private final Store store;
    private final TaskRuntime runtime;
    private final ControlPlane control;
    private final Elb elb;
    private final MooringDns dns;
    private final ApiServer api;
    private final NetworkConfig network;
    private final ServiceConnectBridge serviceConnect;
    private final MetricRegistry metrics;

    private MooringServer(Builder b) throws InterruptedException {
        Clock clock = Clock.systemUTC();
        // nothing is touched before this: another live server keeps its state, port, bridge and tasks
        track(ServerClaim.take(b.stateDir, b.bind, b.port));
        try {
            this.store = track(Store.open(b.stateDir));
            // one registry for the whole data plane (Service Connect proxies and load balancers), sampled each second
            this.metrics = b.metrics != null ? b.metrics : new MetricRegistry();
            track(metrics.sampleEvery(Duration.ofSeconds(1)));
            AlbMetrics lbMetrics = new AlbMetrics(metrics);
            this.network = b.runtime == RuntimeKind.PROCESS
                    ? new NetworkConfig(b.bridge, b.taskCidr, b.stateDir, null) : null;
            // targets and health checks stay on loopback and the task network: nothing leaves the machine
            List<Ipv4Cidr> targetNetworks = network == null ? List.of(Ipv4Cidr.LOOPBACK)
                    : List.of(Ipv4Cidr.LOOPBACK, Ipv4Cidr.parse(network.cidr()));
            LoadBalancing loadBalancing = new LoadBalancing() {
                @Override
                public java.util.Optional<TargetGroupRef> targetGroup(dev.mooring.store.Tx tx, String arn) {
                    return elb.targetGroup(tx, arn).map(g -> new TargetGroupRef(g.arn(), g.targetType(), g.port(),
                            !g.loadBalancerArns().isEmpty()));
                }

                @Override
                public boolean drained(String taskArn) {
                    return elb.ownedTargets().drained(taskArn);
                }

                @Override
                public TargetHealth targetHealth(String taskArn) {
                    return switch (elb.ownedTargets().health(taskArn)) {
                        case OwnedTargets.Health.Healthy h -> new TargetHealth.Healthy();
                        case OwnedTargets.Health.Pending p -> new TargetHealth.Pending();
                        case OwnedTargets.Health.Unhealthy u -> new TargetHealth.Unhealthy(u.targetGroupArn(),
                                u.port(), u.description());
                    };
                }
            };
            if (network != null) {
                ProcessRuntime processes = track(ProcessRuntime.create(b.stateDir, network));
                this.runtime = processes;
                // each load balancer answers on an address of its own in the task network
                this.elb = track(new Elb(store, clock, targetNetworks, new LoadBalancerAddresses() {
                    @Override
                    public String open(String preferred) {
                        return processes.openHostAddress(preferred);
                    }

                    @Override
                    public void close(String address) {
                        processes.closeHostAddress(address);
                    }
                }));
                this.control = track(new ControlPlane(store, runtime, b.accountId, clock, loadBalancing));
                // tasks' resolv.conf names the bridge address, so DNS must answer there on the standard port
                this.dns = track(MooringDns.start(control, elb.tables(),
                        InetAddress.getByName(processes.gatewayAddress()), b.dnsPort, b.dnsUpstream));
            } else {
                this.runtime = track(new SimulatedRuntime(clock, b.simulatedStep));
                this.elb = track(new Elb(store, clock, targetNetworks));
                this.control = track(new ControlPlane(store, runtime, b.accountId, clock, loadBalancing));
                this.dns = null;
            }
            // the load balancers' listeners: a data plane of their own, internet-facing ones also on loopback
            DataPlane lbPlane = track(DataPlane.create(lbMetrics));
            elb.serveOn(lbPlane, new AlbDataPlane.LoopbackPorts(b.lbPorts[0], b.lbPorts[1]), lbMetrics);
            List<Operations> services = new ArrayList<>(control.services());
            services.add(elb.operations());
            AdminEndpoints admin = new AdminEndpoints()
                    .add("GET /_mooring/health", request -> ApiResponse.json(200,
                            "{\"status\":\"ok\",\"runtime\":\"" + runtime.name() + "\"}"))
                    .add("GET /_mooring/status", request -> ApiResponse.json(200, status().toJson()))
                    .add("GET /_mooring/lb", request -> ApiResponse.json(200, elb.report().toJson()))
                    .add(TaskSignalEndpoint.PATH, new TaskSignalEndpoint(runtime))
                    .add("GET /_mooring/metrics", new MetricsEndpoint(metrics))
                    .add("POST /_mooring/reset", request -> {
                        control.reset();
                        metrics.clearHistory();
                        return ApiResponse.json(200, "{\"reset\":true}");
                    });
            this.api = track(ApiServer.builder().bind(b.bind).port(b.port)
                    .handler(MooringApi.of(b.accountId, clock, services, admin))
                    .start());
            // Service Connect: closed after the runtime, so stopping tasks drain their proxies first
            this.serviceConnect = new ServiceConnectBridge(control,
                    runtime instanceof ProcessRuntime p ? p : null, new ServiceConnectMetrics(metrics));
            started.add(started.indexOf(runtime), serviceConnect);
            // Every controller the reconcile engine runs, in order. The Service Connect agent goes first, so a task
            // that stopped being routable has left every proxy's host sets before the task reconciler signals it.
            List<Controller> controllers = new ArrayList<>();
            controllers.add(serviceConnect.controller());
            controllers.addAll(control.ecsControllers());
            // ECS services' tasks into their target groups, then the load balancers act on what that registered
            controllers.add(new ServiceTargets(control.ecs(), elb.ownedTargets()));
            controllers.add(elb.controller());
            control.start(controllers);
            elb.health().onChange(() -> control.signal(ElbController.TARGET_HEALTH));
        } catch (java.net.BindException e) {
            // Netty reports a bind failure as a checked exception it does not declare
            close();
            throw new StartupException("port " + b.port + " on " + b.bind + " is in use (another mooring server?);"
                    + " stop what holds it or give this one another --port", e);
        } catch (IOException e) {
            close();
            throw new UncheckedIOException(e);
        } catch (RuntimeException | Error | InterruptedException e) {
            // whatever was started (a bridge, tasks' namespaces) must not outlive a server that failed to start
            close();
            throw e;
        } catch (Exception e) {
            close();
            throw new StartupException("cannot start: " + e.getMessage(), e);
        }
    }

    private <T extends AutoCloseable> T track(T part) {
        started.add(part);
        return part;
    }

    public static Builder builder() {
        return new Builder();
    }

    public InetSocketAddress apiAddress() {
        return api.address();
    }

    /** The URL to give clients as --endpoint-url; localhost so that botocore's data-localhost works. */
    public String endpointUrl() {
        InetAddress address = api.address().getAddress();
        String host = address.isLoopbackAddress() || address.isAnyLocalAddress() ? "localhost"
                : api.address().getHostString();
        return "http://" + host + ":" + api.address().getPort();
    }

    public ControlPlane control() {
        return control;
    }

    /** Elastic Load Balancing: its tables and health checks, for the data plane and the CLI. */
    public Elb elb() {
        return elb;
    }

    public TaskRuntime runtime() {
        return runtime;
    }

    /** Mooring's DNS server, or null with the simulated runtime (no task network to serve). */
    public InetSocketAddress dnsAddress() {
        return dns == null ? null : dns.address();
    }

    /** Service Connect: the agent's plans and the task proxies. */
    public ServiceConnectBridge serviceConnect() {
        return serviceConnect;
    }

    /** Every series the data plane counts into (spec §5.1, AWS/ApplicationELB), as {@code mooring metrics} shows. */
    public MetricRegistry metrics() {
        return metrics;
    }

    public ServerStatus status() {
        return ServerStatus.of(this, network);
    }

    public Path stateFile() {
        return store.file();
    }

    @Override
    public void close() {
        for (AutoCloseable part : started.reversed()) {
            try {
                part.close();
            } catch (Exception e) {
                System.err.println("mooring: closing " + part.getClass().getSimpleName() + ": " + e.getMessage());
            }
        }
        started.clear();
    }

    public static final class Builder {
        private Path stateDir;
        private String bind = "127.0.0.1";
        private int port = 4566;
        private String accountId = "000000000000";
        private RuntimeKind runtime = RuntimeKind.PROCESS;
        private Duration simulatedStep = Duration.ofMillis(200);
        private String bridge = NetworkConfig.DEFAULT_BRIDGE;
        private String taskCidr = NetworkConfig.DEFAULT_CIDR;
        private int dnsPort = 53;
        private InetSocketAddress dnsUpstream;
        private int[] lbPorts = {18000, 18999};
        private MetricRegistry metrics;

        public Builder stateDir(Path stateDir) {
            this.stateDir = stateDir;
            return this;
        }

        public Builder bind(String bind) {
            this.bind = bind;
            return this;
        }

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder accountId(String accountId) {
            this.accountId = accountId;
            return this;
        }

        public Builder runtime(RuntimeKind runtime) {
            this.runtime = runtime;
            return this;
        }

        /** Time between lifecycle states of simulated tasks. */
        public Builder simulatedStep(Duration step) {
            this.simulatedStep = step;
            return this;
        }

        public Builder bridge(String bridge) {
            this.bridge = bridge;
            return this;
        }

        public Builder taskCidr(String taskCidr) {
            this.taskCidr = taskCidr;
            return this;
        }

        public Builder dnsPort(int dnsPort) {
            this.dnsPort = dnsPort;
            return this;
        }

        /** Where names outside Mooring's zones are forwarded; null (the default) answers them NXDOMAIN. */
        public Builder dnsUpstream(InetSocketAddress upstream) {
            this.dnsUpstream = upstream;
            return this;
        }


        /** The loopback ports internet-facing load balancers' listeners take, first to last. */
        public Builder lbLoopbackPorts(int first, int last) {
            this.lbPorts = new int[] {first, last};
            return this;
        }

        /** The registry to count into (tests give one with a clock of their own); a new one by default. */
        public Builder metrics(MetricRegistry registry) {
            this.metrics = registry;
            return this;
        }

        public MooringServer start() throws InterruptedException {
            return new MooringServer(this);
        }
    }
}
