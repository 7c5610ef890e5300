package dev.mooring.cli;

import dev.mooring.api.ApiResponse;
import dev.mooring.api.ApiServer;
import dev.mooring.control.ControlPlane;
import dev.mooring.control.runtime.SimulatedRuntime;
import dev.mooring.control.runtime.TaskRuntime;
import dev.mooring.store.Store;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * The whole server assembled from its parts: store, runtime, control plane and API. {@code mooring server} runs one;
 * tests start one in-process on an ephemeral port.
 */
public final class MooringServer implements AutoCloseable {
    /** How tasks run. */
    public enum RuntimeKind { SIMULATED }

    private final Store store;
    private final TaskRuntime runtime;
    private final ControlPlane control;
    private final ApiServer api;

    private MooringServer(Builder b) throws InterruptedException {
        Clock clock = Clock.systemUTC();
        this.store = Store.open(b.stateDir);
        this.runtime = new SimulatedRuntime(clock, b.simulatedStep);
        this.control = new ControlPlane(store, runtime, b.accountId, clock);
        this.api = ApiServer.builder().bind(b.bind).port(b.port).router(control.router())
                .admin("GET /_mooring/health", () -> ApiResponse.json(200,
                        "{\"status\":\"ok\",\"runtime\":\"" + runtime.name() + "\"}"))
                .admin("POST /_mooring/reset", () -> {
                    control.reset();
                    return ApiResponse.json(200, "{\"reset\":true}");
                })
                .start();
        control.start();
    }

    public static Builder builder() {
        return new Builder();
    }

    public InetSocketAddress apiAddress() {
        return api.address();
    }

    /** The URL to give clients as --endpoint-url; localhost so that botocore's data-localhost works. */
    public String endpointUrl() {
        String host = api.address().getAddress().isLoopbackAddress() || api.address().getAddress().isAnyLocalAddress()
                ? "localhost" : api.address().getHostString();
        return "http://" + host + ":" + api.address().getPort();
    }

    public String runtimeName() {
        return runtime.name();
    }

    public Path stateFile() {
        return store.file();
    }

    @Override
    public void close() {
        api.close();
        control.close();
        store.close();
    }

    public static final class Builder {
        private Path stateDir;
        private String bind = "127.0.0.1";
        private int port = 4566;
        private String accountId = "000000000000";
        private Duration simulatedStep = Duration.ofMillis(200);

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

        /** Time between lifecycle states of simulated tasks. */
        public Builder simulatedStep(Duration step) {
            this.simulatedStep = step;
            return this;
        }

        public MooringServer start() throws InterruptedException {
            return new MooringServer(this);
        }
    }
}
