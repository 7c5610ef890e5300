package dev.mooring.server.it;

import dev.mooring.server.MooringServer;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * A {@code mooring server} stand-in for the crash test, run in a child JVM: starts a real server on the given state
 * directory, bridge and CIDR, prints {@code READY <endpoint>} and waits to be killed with SIGKILL, so it never
 * cleans anything up.
 */
public final class CrashingServer {
    private CrashingServer() {}

    public static void main(String[] args) throws Exception {
        MooringServer server = MooringServer.builder().stateDir(Path.of(args[0])).bridge(args[1]).taskCidr(args[2])
                .port(0).dnsPort(53).runtime(MooringServer.RuntimeKind.PROCESS).start();
        System.out.println("READY " + server.endpointUrl());
        System.out.flush();
        new CountDownLatch(1).await();
    }
}
