package dev.mooring.task.simulated;

import static dev.mooring.task.TaskStatus.DEPROVISIONING;
import static dev.mooring.task.TaskStatus.PENDING;
import static dev.mooring.task.TaskStatus.PROVISIONING;
import static dev.mooring.task.TaskStatus.RUNNING;
import static dev.mooring.task.TaskStatus.STOPPED;

import dev.mooring.task.ContainerStatus;
import dev.mooring.task.HealthStatus;
import dev.mooring.task.StopCode;
import dev.mooring.task.TaskLaunch;
import dev.mooring.task.TaskObservation.ContainerObservation;
import dev.mooring.task.TaskObservation;
import dev.mooring.task.TaskRuntime;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Tasks that go through ECS's lifecycle without processes: PROVISIONING, PENDING and RUNNING a step apart, then
 * DEPROVISIONING and STOPPED when stopped. For API-only testing in CI and control-plane scale tests with thousands
 * of tasks. Addresses come from 198.18.0.0/16 like the process runtime's, but nothing listens on them.
 */
public final class SimulatedRuntime implements TaskRuntime {
    private final Clock clock;
    private final Duration step;
    private final Map<String, TaskObservation> tasks = new ConcurrentHashMap<>();
    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();
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
        TaskObservation provisioning = new TaskObservation(PROVISIONING, null, null, null, null, null, null, null,
                null, null, HealthStatus.UNKNOWN, containers(launch, ContainerStatus.PENDING));
        if (tasks.putIfAbsent(launch.taskId(), provisioning) != null) {
            return;
        }
        changed(launch.taskId());
        int host = nextHost.getAndIncrement();
        String ip = "198.18." + ((host >> 8) & 0xff) + "." + (host & 0xff);
        later(1, launch.taskId(), t -> t.lastStatus() == PROVISIONING ? new TaskObservation(PENDING, ip,
                "ip-" + ip.replace('.', '-'), clock.instant(), null, null, null, null, null, null,
                HealthStatus.UNKNOWN, t.containers()) : t);
        later(2, launch.taskId(), t -> t.lastStatus() == PENDING ? new TaskObservation(RUNNING,
                t.privateIpv4(), t.hostname(), t.pullStartedAt(), clock.instant(), clock.instant(), null, null, null,
                null, HealthStatus.HEALTHY, containers(launch, ContainerStatus.RUNNING)) : t);
    }

    private static List<ContainerObservation> containers(TaskLaunch launch, ContainerStatus status) {
        return launch.containers().stream().map(c -> new ContainerObservation(c.name(), status, null, null,
                c.healthCheck() == null ? HealthStatus.UNKNOWN : HealthStatus.HEALTHY, null)).toList();
    }

    @Override
    public void stop(String taskId, String reason) {
        TaskObservation t = tasks.computeIfPresent(taskId, (id, cur) -> switch (cur.lastStatus()) {
            case STOPPED, DEPROVISIONING -> cur;
            default -> new TaskObservation(DEPROVISIONING, cur.privateIpv4(), cur.hostname(), cur.pullStartedAt(),
                    cur.pullStoppedAt(), cur.startedAt(), clock.instant(), null, null, reason, cur.healthStatus(),
                    cur.containers().stream().map(c -> new ContainerObservation(c.name(), ContainerStatus.STOPPED, 0,
                            null, c.healthStatus(), null)).toList());
        });
        if (t == null) {
            return;
        }
        changed(taskId);
        later(1, taskId, cur -> cur.lastStatus() == DEPROVISIONING ? new TaskObservation(STOPPED,
                cur.privateIpv4(), cur.hostname(), cur.pullStartedAt(), cur.pullStoppedAt(), cur.startedAt(),
                cur.stoppingAt(), clock.instant(), null, cur.stoppedReason(), cur.healthStatus(), cur.containers())
                : cur);
    }

    /**
     * Makes a task's containers exit on their own, as a crash would: the task goes STOPPED with stop code
     * EssentialContainerExited. Lets tests and demos exercise the scheduler's replacement of failed tasks.
     */
    public void crash(String taskId, int exitCode, String reason) {
        TaskObservation t = tasks.computeIfPresent(taskId, (id, cur) -> cur.lastStatus() == STOPPED ? cur
                : new TaskObservation(STOPPED, cur.privateIpv4(), cur.hostname(), cur.pullStartedAt(),
                cur.pullStoppedAt(), cur.startedAt(), clock.instant(), clock.instant(),
                StopCode.ESSENTIAL_CONTAINER_EXITED, reason, cur.healthStatus(), cur.containers().stream()
                .map(c -> new ContainerObservation(c.name(), ContainerStatus.STOPPED, exitCode, reason,
                        c.healthStatus(), null)).toList()));
        if (t != null) {
            changed(taskId);
        }
    }

    private void later(int steps, String taskId, UnaryOperator<TaskObservation> change) {
        Runnable apply = () -> {
            if (tasks.computeIfPresent(taskId, (id, cur) -> change.apply(cur)) != null) {
                changed(taskId);
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
    public Set<String> taskIds() {
        return Set.copyOf(tasks.keySet());
    }

    @Override
    public void release(String taskId) {
        tasks.remove(taskId);
    }

    @Override
    public void onChange(Consumer<String> listener) {
        listeners.add(listener);
    }

    private void changed(String taskId) {
        listeners.forEach(l -> l.accept(taskId));
    }

    @Override
    public void close() {
        timer.shutdownNow();
        tasks.clear();
    }
}
