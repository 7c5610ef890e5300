package dev.mooring.chaos;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * Runs a {@link ChaosPlan} on the calling thread: at each interval, one RUNNING task of the service, chosen at random,
 * is signalled by the server that runs it. The service's scheduler then replaces it, as ECS does when an essential
 * container exits. Bounded by the plan; {@link #stop()} ends it early (Ctrl-C, or a demo phase that is over).
 */
public final class ChaosRun {
    private final ChaosPlan plan;
    private final RandomGenerator random;
    private volatile boolean stopped;

    public ChaosRun(ChaosPlan plan, RandomGenerator random) {
        this.plan = plan;
        this.random = random;
    }

    public void stop() {
        stopped = true;
    }

    /**
     * Every event, in order; {@code onEvent} sees each as it happens. A server that stops answering ends the run
     * with {@link ChaosException}.
     */
    public List<ChaosEvent> run(Consumer<ChaosEvent> onEvent) {
        List<ChaosEvent> events = new ArrayList<>();
        long start = System.nanoTime();
        long intervalNanos = plan.interval().toNanos();
        try (EcsTasks ecs = new EcsTasks(plan.endpoint(), plan.region());
             TaskSignalClient signals = new TaskSignalClient(plan.endpoint())) {
            for (long k = 1; k <= plan.maxKills() && !stopped; k++) {
                long due = start + k * intervalNanos;
                while (!stopped && System.nanoTime() - due < 0) {
                    LockSupport.parkNanos(Math.min(due - System.nanoTime(), TimeUnit.MILLISECONDS.toNanos(200)));
                }
                if (stopped) {
                    break;
                }
                ChaosEvent event = tick(ecs, signals);
                events.add(event);
                onEvent.accept(event);
            }
        }
        return List.copyOf(events);
    }

    private ChaosEvent tick(EcsTasks ecs, TaskSignalClient signals) {
        List<String> running = ecs.running(plan.cluster(), plan.service());
        if (running.isEmpty()) {
            return new ChaosEvent.Skipped(Instant.now(), "no RUNNING task in service " + plan.service());
        }
        String victim = running.get(random.nextInt(running.size()));
        try {
            return new ChaosEvent.Killed(Instant.now(), victim, signals.signal(victim, plan.signal()), running.size());
        } catch (ChaosException e) {
            // the task may have stopped between DescribeTasks and the signal: a tick without a kill, not a failure
            if (e.status() == 404 || e.status() == 409) {
                return new ChaosEvent.Skipped(Instant.now(), e.getMessage());
            }
            throw e;
        }
    }
}
