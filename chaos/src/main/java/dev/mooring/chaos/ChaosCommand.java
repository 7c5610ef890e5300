package dev.mooring.chaos;

import dev.mooring.loadgen.GoDuration;
import dev.mooring.task.TaskSignal;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mooring chaos}: kills one RUNNING task of a service at each interval, and stops by itself. */
@Command(name = "chaos", mixinStandardHelpOptions = true,
        description = {"At each interval, signal the container processes of one RUNNING task of an ECS service, "
                + "chosen at random (ListTasks and DescribeTasks over the public API; the server's runtime sends "
                + "the signal). The service's scheduler replaces the task, as ECS does when an essential container "
                + "exits. Prints each kill as it happens and a summary; stops by itself after --duration."})
public final class ChaosCommand implements Callable<Integer> {
    @Option(names = "--cluster", defaultValue = "default", description = "The cluster (default: ${DEFAULT-VALUE}).")
    String cluster;

    @Option(names = "--service", required = true, description = "The ECS service whose tasks to kill.")
    String service;

    @Option(names = "--interval", defaultValue = "5s", description = "Time between kills, at least 1s (default: "
            + "${DEFAULT-VALUE}); the first kill comes one interval after the start.")
    String interval;

    @Option(names = "--duration", defaultValue = "2m", description = "How long to run, at most 1h (default: "
            + "${DEFAULT-VALUE}).")
    String duration;

    @Option(names = "--signal", defaultValue = "KILL", description = "KILL (as kill -9; default) or TERM.")
    String signal;

    @Option(names = "--endpoint-url", defaultValue = "http://localhost:4566",
            description = "The Mooring server (default: ${DEFAULT-VALUE}).")
    URI endpoint;

    @Option(names = "--region", description = "The service's region (default: $AWS_REGION, $AWS_DEFAULT_REGION, "
            + "else us-east-1).")
    String region;

    @Option(names = "--seed", description = "Seed for the choice of tasks, to repeat a run.")
    Long seed;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ChaosPlan plan;
        try {
            plan = new ChaosPlan(endpoint, region(), cluster, service, GoDuration.parse(interval),
                    GoDuration.parse(duration), TaskSignal.parse(signal));
        } catch (IllegalArgumentException e) {
            err.println("mooring chaos: " + e.getMessage());
            err.flush();
            return 2;
        }
        ChaosRun run = new ChaosRun(plan, seed == null ? new Random() : new Random(seed));
        CountDownLatch done = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            run.stop();
            try {
                done.await(15, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "chaos-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
        out.printf("chaos on service %s of cluster %s: SIG%s to one RUNNING task every %s for %s (at most %d)%n",
                service, cluster, plan.signal(), human(plan.interval()), human(plan.duration()), plan.maxKills());
        out.flush();
        try {
            List<ChaosEvent> events = run.run(e -> {
                out.println(e.line());
                out.flush();
            });
            long kills = events.stream().filter(ChaosEvent.Killed.class::isInstance).count();
            out.printf("done: %d tasks killed, %d ticks skipped%n", kills, events.size() - kills);
            out.flush();
            return 0;
        } catch (ChaosException e) {
            err.println("mooring chaos: " + e.getMessage());
            err.flush();
            return 1;
        } finally {
            done.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running and waits for the summary above
            }
        }
    }

    private String region() {
        for (String r : new String[] {region, System.getenv("AWS_REGION"), System.getenv("AWS_DEFAULT_REGION")}) {
            if (r != null && !r.isBlank()) {
                return r;
            }
        }
        return "us-east-1";
    }

    private static String human(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }
}
