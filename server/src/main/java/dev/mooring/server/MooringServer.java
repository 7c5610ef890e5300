package dev.mooring.server;

import dev.mooring.api.ApiResponse;
import dev.mooring.api.ApiServer;
import dev.mooring.proxy.ProxyObserver;
import dev.mooring.server.connect.ServiceConnectBridge;
import dev.mooring.server.dns.MooringDns;
import dev.mooring.control.ControlPlane;
import dev.mooring.control.reconcile.Controller;
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
    private final MooringDns dns;
    private final ApiServer api;
    private final NetworkConfig network;
    private final ServiceConnectBridge serviceConnect;

    private MooringServer(Builder b) throws InterruptedException {
        Clock clock = Clock.systemUTC();
        try {
            this.store = track(Store.open(b.stateDir));
            if (b.runtime == RuntimeKind.PROCESS) {
                this.network = new NetworkConfig(b.bridge, b.taskCidr, b.stateDir, null);
                ProcessRuntime processes = track(ProcessRuntime.create(b.stateDir, network));
                this.runtime = processes;
                this.control = track(new ControlPlane(store, runtime, b.accountId, clock));
                // tasks' resolv.conf names the bridge address, so DNS must answer there on the standard port
                this.dns = track(MooringDns.start(control, InetAddress.getByName(processes.gatewayAddress()),
                        b.dnsPort, b.dnsUpstream));
            } else {
                this.network = null;
                this.runtime = track(new SimulatedRuntime(clock, b.simulatedStep));
                this.control = track(new ControlPlane(store, runtime, b.accountId, clock));
                this.dns = null;
            }
            this.api = track(ApiServer.builder().bind(b.bind).port(b.port).router(control.router())
                    .admin("GET /_mooring/health", () -> ApiResponse.json(200,
                            "{\"status\":\"ok\",\"runtime\":\"" + runtime.name() + "\"}"))
                    .admin("GET /_mooring/status", () -> ApiResponse.json(200, status().toJson()))
                    .admin("POST /_mooring/reset", () -> {
                        control.reset();
                        return ApiResponse.json(200, "{\"reset\":true}");
                    })
                    .start());
            // Service Connect: closed after the runtime, so stopping tasks drain their proxies first
            this.serviceConnect = new ServiceConnectBridge(control,
                    runtime instanceof ProcessRuntime p ? p : null, ProxyObserver.NONE);
            started.add(started.indexOf(runtime), serviceConnect);
            // Every controller the reconcile engine runs, in order. The Service Connect agent goes first, so a task
            // that stopped being routable has left every proxy's host sets before the task reconciler signals it.
            List<Controller> controllers = new ArrayList<>();
            controllers.add(serviceConnect.controller());
            controllers.addAll(control.ecsControllers());
            control.start(controllers);
        } catch (IOException e) {
            close();
            throw new UncheckedIOException(e);
        } catch (RuntimeException | Error | InterruptedException e) {
            // whatever was started (a bridge, tasks' namespaces) must not outlive a server that failed to start
            close();
            throw e;
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


        public MooringServer start() throws InterruptedException {
            return new MooringServer(this);
        }
    }
}
