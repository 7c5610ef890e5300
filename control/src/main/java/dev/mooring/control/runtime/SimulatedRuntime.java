package dev.mooring.control.runtime;

import dev.mooring.control.runtime.TaskObservation.ContainerObservation;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Tasks that go through ECS's lifecycle without processes: PROVISIONING, PENDING and RUNNING a step apart, then
 * DEPROVISIONING and STOPPED when stopped. For API-only testing in CI and control-plane scale tests with thousands
 * of tasks. Addresses come from 198.18.0.0/16 like the process runtime's, but nothing listens on them.
 */
public final class SimulatedRuntime implements TaskRuntime {
    private final Clock clock;
    private final Duration step;
    private final Map<String, TaskObservation> tasks = new ConcurrentHashMap<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("simulated-runtime").factory());
    private final AtomicInteger nextHost = new AtomicInteger(2);

    /** @param step time between lifecycle states; zero moves a task straight through */
    public SimulatedRuntime(Clock clock, Duration step) {
        this.clock = clock;
        this.step = step;
    }

    @Override
    public String name() {
        return "simulated";
    }

    @Override
    public void launch(TaskLaunch launch) {
        TaskObservation provisioning = new TaskObservation("PROVISIONING", null, null, null, null, null, null, null,
                null, null, "UNKNOWN", containers(launch, "PENDING"));
        if (tasks.putIfAbsent(launch.taskId(), provisioning) != null) {
            return;
        }
        changed();
        int host = nextHost.getAndIncrement();
        String ip = "198.18." + ((host >> 8) & 0xff) + "." + (host & 0xff);
        later(1, launch.taskId(), t -> t.lastStatus().equals("PROVISIONING") ? new TaskObservation("PENDING", ip,
                "ip-" + ip.replace('.', '-'), clock.instant(), null, null, null, null, null, null, "UNKNOWN",
                t.containers()) : t);
        later(2, launch.taskId(), t -> t.lastStatus().equals("PENDING") ? new TaskObservation("RUNNING",
                t.privateIpv4(), t.hostname(), t.pullStartedAt(), clock.instant(), clock.instant(), null, null, null,
                null, "HEALTHY", containers(launch, "RUNNING")) : t);
    }

    private static List<ContainerObservation> containers(TaskLaunch launch, String status) {
        return launch.containers().stream().map(c -> new ContainerObservation(c.name(), status, null, null,
                c.healthCheck() == null ? "UNKNOWN" : "HEALTHY", null)).toList();
    }

    @Override
    public void stop(String taskId, String reason) {
        TaskObservation t = tasks.computeIfPresent(taskId, (id, cur) -> switch (cur.lastStatus()) {
            case "STOPPED", "DEPROVISIONING" -> cur;
            default -> new TaskObservation("DEPROVISIONING", cur.privateIpv4(), cur.hostname(), cur.pullStartedAt(),
                    cur.pullStoppedAt(), cur.startedAt(), clock.instant(), null, null, reason, cur.healthStatus(),
                    cur.containers().stream().map(c -> new ContainerObservation(c.name(), "STOPPED", 0, null,
                            c.healthStatus(), null)).toList());
        });
        if (t == null) {
            return;
        }
        changed();
        later(1, taskId, cur -> cur.lastStatus().equals("DEPROVISIONING") ? new TaskObservation("STOPPED",
                cur.privateIpv4(), cur.hostname(), cur.pullStartedAt(), cur.pullStoppedAt(), cur.startedAt(),
                cur.stoppingAt(), clock.instant(), null, cur.stoppedReason(), cur.healthStatus(), cur.containers())
                : cur);
    }

    /**
     * Makes a task's containers exit on their own, as a crash would: the task goes STOPPED with stop code
     * EssentialContainerExited. Lets tests and demos exercise the scheduler's replacement of failed tasks.
     */
    public void crash(String taskId, int exitCode, String reason) {
        TaskObservation t = tasks.computeIfPresent(taskId, (id, cur) -> cur.lastStatus().equals("STOPPED") ? cur
                : new TaskObservation("STOPPED", cur.privateIpv4(), cur.hostname(), cur.pullStartedAt(),
                cur.pullStoppedAt(), cur.startedAt(), clock.instant(), clock.instant(), "EssentialContainerExited",
                reason, cur.healthStatus(), cur.containers().stream().map(c -> new ContainerObservation(c.name(),
                "STOPPED", exitCode, reason, c.healthStatus(), null)).toList()));
        if (t != null) {
            changed();
        }
    }

    private void later(int steps, String taskId, java.util.function.UnaryOperator<TaskObservation> change) {
        Runnable apply = () -> {
            if (tasks.computeIfPresent(taskId, (id, cur) -> change.apply(cur)) != null) {
                changed();
            }
        };
        if (step.isZero()) {
            apply.run();
        } else {
            timer.schedule(apply, step.toMillis() * steps, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public Optional<TaskObservation> observe(String taskId) {
        return Optional.ofNullable(tasks.get(taskId));
    }

    @Override
    public void release(String taskId) {
        tasks.remove(taskId);
    }

    @Override
    public void onChange(Runnable listener) {
        listeners.add(listener);
    }

    private void changed() {
        listeners.forEach(Runnable::run);
    }

    @Override
    public void close() {
        timer.shutdownNow();
        tasks.clear();
    }
}
