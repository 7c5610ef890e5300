package dev.mooring.cli;

import dev.mooring.runtime.net.NetworkConfig;
import dev.mooring.runtime.net.NetworkException;
import dev.mooring.server.HostsFile;
import dev.mooring.server.MooringServer;
import dev.mooring.server.StartupException;
import dev.mooring.store.StoreException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mooring server}: the control plane, its API, and the runtime that runs tasks. */
@Command(name = "server", mixinStandardHelpOptions = true,
        description = "Serve the ECS, Cloud Map, ELBv2 and Route 53 APIs and run tasks until interrupted.")
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

    @Option(names = "--runtime", defaultValue = "process",
            description = "How tasks run: process (network namespaces and real processes; needs root) or simulated "
                    + "(the lifecycle without processes). Default: ${DEFAULT-VALUE}.")
    String runtime;

    @Option(names = "--task-cidr", defaultValue = NetworkConfig.DEFAULT_CIDR,
            description = "Addresses for tasks; the bridge takes the first (default: ${DEFAULT-VALUE}).")
    String taskCidr;

    @Option(names = "--bridge", defaultValue = NetworkConfig.DEFAULT_BRIDGE,
            description = "Name of the tasks' bridge (default: ${DEFAULT-VALUE}).")
    String bridge;

    @Option(names = "--dns-upstream", description = "HOST[:PORT] to forward names outside Mooring's zones to; "
            + "by default they get NXDOMAIN, so nothing leaves the machine.")
    String dnsUpstream;

    @Option(names = "--lb-ports", defaultValue = "18000-18999", description = "Loopback ports for the listeners of "
            + "internet-facing load balancers, FIRST-LAST (default: ${DEFAULT-VALUE}).")
    String lbPorts;

    @Override
    public Integer call() throws Exception {
        if (!lbPorts.matches("\\d{1,5}-\\d{1,5}")
                || Integer.parseInt(lbPorts.split("-")[0]) > Integer.parseInt(lbPorts.split("-")[1])) {
            System.err.println("mooring: --lb-ports is FIRST-LAST, such as 18000-18999, not '" + lbPorts + "'");
            return 2;
        }
        if (!accountId.matches("\\d{12}")) {
            System.err.println("mooring: --account-id must be 12 digits, got '" + accountId + "'");
            return 2;
        }
        MooringServer.RuntimeKind kind;
        try {
            kind = MooringServer.RuntimeKind.valueOf(runtime.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            System.err.println("mooring: --runtime is process or simulated, not '" + runtime + "'");
            return 2;
        }
        if (port < 0 || port > 65535) {
            System.err.println("mooring: --port " + port + " is out of range: give 1-65535 (or 0 for any free port)");
            return 2;
        }
        try {
            new NetworkConfig(bridge, taskCidr, stateDir, null);
        } catch (IllegalArgumentException e) {
            System.err.println("mooring: --task-cidr/--bridge: " + e.getMessage());
            return 2;
        }
        InetSocketAddress dns;
        try {
            dns = upstream(dnsUpstream);
        } catch (IllegalArgumentException e) {
            System.err.println("mooring: --dns-upstream is HOST[:PORT], such as 192.0.2.53:53, not '" + dnsUpstream
                    + "'");
            return 2;
        }
        MooringServer server;
        try {
            server = MooringServer.builder().stateDir(stateDir).bind(bind).port(port).accountId(accountId)
                    .runtime(kind).taskCidr(taskCidr).bridge(bridge).dnsUpstream(dns)
                    .lbLoopbackPorts(Integer.parseInt(lbPorts.split("-")[0]), Integer.parseInt(lbPorts.split("-")[1]))
                    .start();
        } catch (StoreException | NetworkException | StartupException e) {
            System.err.println("mooring: " + e.getMessage());
            return 1;
        } catch (java.io.UncheckedIOException e) {
            System.err.println("mooring: cannot start: " + e.getCause().getMessage());
            return 1;
        }
        if ("root".equals(System.getProperty("user.name"))
                && HostsFile.ensureDataLocalhost(Path.of("/etc/hosts"))) {
            System.out.println("mooring: added '127.0.0.1 " + HostsFile.DATA_HOST
                    + "' to /etc/hosts so that Cloud Map DiscoverInstances reaches this server");
        }
        System.out.println("mooring: serving ECS, Cloud Map, ELBv2 and Route 53 on " + server.apiAddress().getHostString() + ":"
                + server.apiAddress().getPort() + " (runtime "
                + server.runtime().name() + ", state " + server.stateFile() + "); use --endpoint-url "
                + server.endpointUrl());
        if (server.dnsAddress() != null) {
            System.out.println("mooring: DNS for tasks on " + server.dnsAddress().getHostString() + ":"
                    + server.dnsAddress().getPort() + ", tasks on bridge " + bridge + " (" + taskCidr
                    + "), no route off this machine");
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            int tasks = server.runtime().taskIds().size();
            System.out.println("mooring: stopping" + (tasks == 0 ? "" : " " + tasks + " task(s) and")
                    + " the server");
            server.close();
            System.out.println("mooring: stopped; state kept in " + server.stateFile().getParent());
            stopped.countDown();
        }, "mooring-shutdown"));
        stopped.await();
        return 0;
    }

    private static InetSocketAddress upstream(String hostPort) {
        if (hostPort == null) {
            return null;
        }
        int colon = hostPort.lastIndexOf(':');
        // InetSocketAddress rejects a port out of range; parseInt a non-number: both IllegalArgumentException
        return colon < 0 ? new InetSocketAddress(hostPort, 53)
                : new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
    }
}
