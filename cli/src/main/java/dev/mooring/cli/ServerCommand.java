package dev.mooring.cli;

import dev.mooring.api.ApiResponse;
import dev.mooring.api.ApiServer;
import dev.mooring.control.ControlPlane;
import dev.mooring.control.runtime.SimulatedRuntime;
import dev.mooring.control.runtime.TaskRuntime;
import dev.mooring.store.Store;
import dev.mooring.store.StoreException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mooring server}: the control plane, its API, and the runtime that runs tasks. */
@Command(name = "server", mixinStandardHelpOptions = true,
        description = "Serve the ECS and Cloud Map APIs and run tasks until interrupted.")
final class ServerCommand implements Callable<Integer> {
    @Option(names = "--port", defaultValue = "4566", description = "API port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--bind", defaultValue = "127.0.0.1", description = "API address (default: ${DEFAULT-VALUE}).")
    String bind;

    @Option(names = "--state-dir", defaultValue = "${sys:user.home}/.mooring",
            description = "Where state lives (default: ${DEFAULT-VALUE}).")
    Path stateDir;

    @Option(names = "--account-id", defaultValue = "${env:MOORING_ACCOUNT_ID:-000000000000}",
            description = "Account id in every ARN (default: $MOORING_ACCOUNT_ID, else 000000000000).")
    String accountId;

    @Option(names = "--runtime", defaultValue = "simulated",
            description = "How tasks run: simulated (no processes). Default: ${DEFAULT-VALUE}.")
    String runtime;

    @Override
    public Integer call() throws Exception {
        if (!accountId.matches("\\d{12}")) {
            System.err.println("mooring: --account-id must be 12 digits, got '" + accountId + "'");
            return 2;
        }
        Clock clock = Clock.systemUTC();
        Store store;
        try {
            store = Store.open(stateDir);
        } catch (StoreException e) {
            System.err.println("mooring: " + e.getMessage());
            return 1;
        }
        TaskRuntime tasks = new SimulatedRuntime(clock, Duration.ofMillis(200));
        ControlPlane control = new ControlPlane(store, tasks, accountId, clock);
        ApiServer server = ApiServer.builder().bind(bind).port(port).router(control.router())
                .admin("GET /_mooring/health", () -> ApiResponse.json(200,
                        "{\"status\":\"ok\",\"runtime\":\"" + tasks.name() + "\"}"))
                .admin("POST /_mooring/reset", () -> {
                    control.reset();
                    return ApiResponse.json(200, "{\"reset\":true}");
                })
                .start();
        control.start();
        String url = "http://" + (bind.equals("0.0.0.0") ? "127.0.0.1" : bind) + ":" + server.address().getPort();
        System.out.println("mooring: serving ECS and Cloud Map on " + server.address() + " (runtime " + tasks.name()
                + ", state " + store.file() + "); point clients at --endpoint-url " + url);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            control.close();
            store.close();
            stopped.countDown();
        }, "mooring-shutdown"));
        stopped.await();
        return 0;
    }
}
