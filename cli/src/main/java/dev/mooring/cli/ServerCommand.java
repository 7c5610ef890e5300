package dev.mooring.cli;

import dev.mooring.store.StoreException;
import java.nio.file.Path;
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

    @Override
    public Integer call() throws Exception {
        if (!accountId.matches("\\d{12}")) {
            System.err.println("mooring: --account-id must be 12 digits, got '" + accountId + "'");
            return 2;
        }
        MooringServer server;
        try {
            server = MooringServer.builder().stateDir(stateDir).bind(bind).port(port).accountId(accountId).start();
        } catch (StoreException e) {
            System.err.println("mooring: " + e.getMessage());
            return 1;
        }
        if ("root".equals(System.getProperty("user.name"))
                && HostsFile.ensureDataLocalhost(Path.of("/etc/hosts"))) {
            System.out.println("mooring: added '127.0.0.1 " + HostsFile.DATA_HOST
                    + "' to /etc/hosts so that Cloud Map DiscoverInstances reaches this server");
        }
        System.out.println("mooring: serving ECS and Cloud Map on " + server.apiAddress() + " (runtime "
                + server.runtimeName() + ", state " + server.stateFile() + "); use --endpoint-url "
                + server.endpointUrl());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "mooring-shutdown"));
        stopped.await();
        return 0;
    }
}
