package dev.mooring.bench;

import dev.mooring.runtime.net.NetworkConfig;
import dev.mooring.runtime.net.TaskNetworks;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * The network part of every task start and stop: {@link TaskNetworks#open} (namespace, veth on the bridge, address,
 * hosts and resolv.conf) and {@link TaskNetworks#close}, called directly on a bridge of the driver's own, without a
 * server. All tasks are opened first and then closed, as a server holding that many tasks would.
 *
 * <p>Usage: {@code NetnsCost <bridge> <task-cidr> <state-dir> [tasks=20]}; needs root.
 */
public final class NetnsCost {
    private NetnsCost() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: NetnsCost <bridge> <task-cidr> <state-dir> [tasks=20]");
            System.exit(2);
        }
        int count = args.length > 3 ? Integer.parseInt(args[3]) : 20;
        long createStart = System.nanoTime();
        TaskNetworks networks = TaskNetworks.create(new NetworkConfig(args[0], args[1], Path.of(args[2]), null));
        long createTook = System.nanoTime() - createStart;
        // closing is idempotent, so the hook may run after the normal close too; it matters on Ctrl-C or SIGTERM
        Runtime.getRuntime().addShutdownHook(new Thread(networks::close, "netns-cost-cleanup"));
        Histogram open = histogram();
        Histogram close = histogram();
        long closeAllTook;
        try (networks) {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String id = UUID.randomUUID().toString().replace("-", "");
                long start = System.nanoTime();
                networks.open(id, null, null);
                open.recordValue(System.nanoTime() - start);
                ids.add(id);
            }
            for (String id : ids) {
                long start = System.nanoTime();
                networks.close(id);
                close.recordValue(System.nanoTime() - start);
            }
            long start = System.nanoTime();
            networks.close();
            closeAllTook = System.nanoTime() - start;
        }
        System.out.printf("%-52s %5s %9s %9s%n", "TaskNetworks call (bridge " + args[0] + ")", "calls", "p50 ms",
                "max ms");
        row("create: bridge up, leftovers checked", 1, createTook, createTook);
        row("open: netns + veth + address + hosts files", open.getTotalCount(), open.getValueAtPercentile(50),
                open.getMaxValue());
        row("close: kill leftovers, veth and netns deleted", close.getTotalCount(), close.getValueAtPercentile(50),
                close.getMaxValue());
        row("close all: bridge deleted", 1, closeAllTook, closeAllTook);
    }

    private static Histogram histogram() {
        return new Histogram(TimeUnit.MINUTES.toNanos(1), 3);
    }

    private static void row(String what, long calls, long p50Nanos, long maxNanos) {
        System.out.printf("%-52s %5d %9.1f %9.1f%n", what, calls, p50Nanos / 1e6, maxNanos / 1e6);
    }
}
