package dev.mooring.runtime;

import dev.mooring.runtime.image.Binaries;
import dev.mooring.runtime.image.ImageException;
import dev.mooring.runtime.image.ImagePlan;
import dev.mooring.runtime.image.ImageRule;
import dev.mooring.runtime.logs.LogStream;
import dev.mooring.runtime.net.TaskSandbox;
import dev.mooring.runtime.process.CgroupPlacement;
import dev.mooring.runtime.process.HealthChecker;
import dev.mooring.runtime.process.ProcessSpec;
import dev.mooring.runtime.process.RunAs;
import dev.mooring.runtime.process.SandboxProcess;
import dev.mooring.task.ContainerLaunch;
import dev.mooring.task.ContainerStatus;
import dev.mooring.task.HealthStatus;
import dev.mooring.task.StopCode;
import dev.mooring.task.TaskLaunch;
import dev.mooring.task.TaskObservation;
import dev.mooring.task.TaskSignal;
import dev.mooring.task.TaskStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives one task through ECS's lifecycle on a thread of its own: PROVISIONING (network) → PENDING (images, then
 * containers in dependsOn order) → RUNNING → DEPROVISIONING (SIGTERM, SIGKILL after stopTimeout) → STOPPED. Every
 * change arrives as an event on one queue, so all state is touched by this thread alone.
 */
final class TaskSupervisor {
    private static final Logger log = LoggerFactory.getLogger(TaskSupervisor.class);
    static final String ESSENTIAL_EXITED = "Essential container in task exited";
    static final String OOM_REASON = "OutOfMemoryError: Container killed due to memory usage";

    private sealed interface Event {}

    private record Exited(ContainerRun container, int code) implements Event {}

    private record Health(ContainerRun container, HealthStatus status) implements Event {}

    private record Stop(String reason) implements Event {}

    /** A signal from outside the lifecycle (chaos); answered with the containers it reached. */
    private record Signal(TaskSignal signal, CompletableFuture<List<SignalledContainer>> done) implements Event {}

    private final TaskLaunch launch;
    private final RuntimeContext ctx;
    private final Runnable changed;
    private final TaskNetworkHook networkHook;
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final Map<String, ContainerRun> containers = new LinkedHashMap<>();
    private final Map<String, String> limits = new LinkedHashMap<>();
    private final Thread thread;
    private volatile TaskObservation observation;
    private volatile Map<String, String> appliedLimits = Map.of();
    private TaskSandbox sandbox;
    private TaskStatus status = TaskStatus.PROVISIONING;
    private Instant pullStartedAt, pullStoppedAt, startedAt, stoppingAt, stoppedAt;
    private StopCode stopCode;
    private String stoppedReason;

    TaskSupervisor(TaskLaunch launch, RuntimeContext ctx, TaskNetworkHook networkHook, Runnable changed) {
        this.networkHook = networkHook;
        this.launch = launch;
        this.ctx = ctx;
        this.changed = changed;
        launch.containers().forEach(c -> containers.put(c.name(), new ContainerRun(c)));
        this.thread = Thread.ofPlatform().name("task-" + launch.taskId()).unstarted(this::run);
        publish();
    }

    void start() {
        thread.start();
    }

    void stop(String reason) {
        events.add(new Stop(reason));
    }

    /**
     * Signals every running container of the task, if it is RUNNING; the supervisor thread does it, so the answer
     * names exactly the processes it reached. Completes exceptionally with {@link IllegalStateException} otherwise.
     */
    CompletableFuture<List<SignalledContainer>> signal(TaskSignal signal) {
        CompletableFuture<List<SignalledContainer>> done = new CompletableFuture<>();
        events.add(new Signal(signal, done));
        return done;
    }

    TaskObservation observation() {
        return observation;
    }

    Map<String, String> appliedLimits() {
        return appliedLimits;
    }

    /** The longest a stop can take: the longest stopTimeout, after which SIGKILL follows. */
    Duration stopBound() {
        return Duration.ofSeconds(launch.containers().stream().mapToInt(ContainerLaunch::stopTimeout).max().orElse(0));
    }

    boolean awaitStopped(Duration timeout) throws InterruptedException {
        return thread.join(timeout);
    }

    private void run() {
        try {
            provision();
            if (stopCode == null && !stopRequested()) {
                startContainers();
            }
            while (!(status == TaskStatus.DEPROVISIONING
                    && containers.values().stream().noneMatch(ContainerRun::running))) {
                if (status != TaskStatus.DEPROVISIONING) {
                    handle(events.take());
                    startContainers();
                } else {
                    Event e = events.poll(untilNextKill(), TimeUnit.MILLISECONDS);
                    if (e != null) {
                        handle(e);
                    }
                    killOverdue();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            containers.values().stream().filter(ContainerRun::running).forEach(c -> c.process.kill());
        } catch (RuntimeException e) {
            log.error("task {} supervisor failed", launch.taskId(), e);
            beginStopping(StopCode.TASK_FAILED_TO_START, "Mooring could not run the task: " + e.getMessage());
            containers.values().stream().filter(ContainerRun::running).forEach(c -> c.process.kill());
        }
        deprovision();
    }

    /** PROVISIONING → PENDING: the network, then every image, then each container's user, directory and cgroups. */
    private void provision() {
        try {
            sandbox = ctx.networks().open(launch.taskId(), null, launch.extraHosts() == null ? List.of()
                    : launch.extraHosts());
        } catch (RuntimeException e) {
            beginStopping(StopCode.TASK_FAILED_TO_START, "ResourceInitializationError: " + e.getMessage());
            return;
        }
        try {
            networkHook.networkReady(launch.taskId(), sandbox);
        } catch (RuntimeException e) {
            log.warn("task {}: {}", launch.taskId(), e.getMessage());
            beginStopping(StopCode.TASK_FAILED_TO_START, e.getMessage());
            return;
        }
        status = TaskStatus.PENDING;
        pullStartedAt = Instant.now();
        publish();
        Map<String, ImagePlan> plans = new HashMap<>();
        for (ContainerRun c : containers.values()) {
            try {
                Optional<ImageRule> rule = ctx.images().resolve(c.launch.image());
                if (rule.isEmpty()) {
                    failToStart(c, ctx.images().noMappingReason(c.launch.image()));
                    return;
                }
                plans.put(c.name(), rule.get().kind().plan(c.launch, home(c), ctx.taskCidr()));
            } catch (ImageException e) {
                failToStart(c, e.getMessage());
                return;
            }
        }
        pullStoppedAt = Instant.now();
        for (ContainerRun c : containers.values()) {
            try {
                c.spec = prepare(c, plans.get(c.name()));
            } catch (IOException | RuntimeException e) {
                failToStart(c, "CannotStartContainerError: " + e.getMessage());
                return;
            }
        }
        appliedLimits = Map.copyOf(limits);
        publish();
    }

    private ProcessSpec prepare(ContainerRun c, ImagePlan plan) throws IOException {
        ContainerLaunch l = c.launch;
        RunAs user = RunAs.resolve(l.user());
        Path home = home(c);
        Files.createDirectories(home);
        Files.setPosixFilePermissions(home.getParent(), PosixFilePermissions.fromString("rwx--x--x"));
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwx------"));
        Files.setAttribute(home, "unix:uid", user.uid());
        Files.setAttribute(home, "unix:gid", user.gid());
        Path directory = l.workingDirectory() == null ? home : Path.of(l.workingDirectory());
        if (!Files.isDirectory(directory)) {
            throw new IOException("working directory " + directory + " of container " + l.name()
                    + " does not exist on this host");
        }
        LogStream stream = ctx.logs().create(launch.taskId(), l.name(), l.logGroup(), l.logStreamPrefix());
        CgroupPlacement placement = ctx.cgroups().place(launch.taskId(), l.name(), launch.cpu(), launch.memoryMiB(),
                l.cpu(), l.memoryMiB());
        limits.put(l.name(), placement.applied());
        log.info("task {} container {}: {}", launch.taskId(), l.name(), placement.applied());
        Map<String, String> env = new HashMap<>();
        env.put("PATH", Binaries.SYSTEM_PATH.stream().map(Path::toString).collect(Collectors.joining(":")));
        env.put("HOME", home.toString());
        env.put("HOSTNAME", sandbox.hostname());
        env.put("AWS_REGION", launch.region());
        env.put("AWS_DEFAULT_REGION", launch.region());
        env.put("AWS_EXECUTION_ENV", "AWS_ECS_FARGATE");
        env.putAll(plan.environment());
        if (l.environment() != null) {
            env.putAll(l.environment());
        }
        return new ProcessSpec(sandbox.execPrefix(), plan.argv(), env, directory, user, stream.file(),
                placement.procsFiles());
    }

    private Path home(ContainerRun c) {
        return ctx.tasksDir().resolve(launch.taskId()).resolve(c.name());
    }

    /** Starts every waiting container whose dependsOn conditions hold; RUNNING once all have started. */
    private void startContainers() {
        if (status != TaskStatus.PENDING && status != TaskStatus.RUNNING) {
            return;
        }
        boolean progress = true;
        while (progress && stopCode == null) {
            progress = false;
            for (ContainerRun c : containers.values()) {
                if (c.started() || c.status != ContainerStatus.PENDING) {
                    continue;
                }
                Optional<String> blocked = unsatisfiable(c);
                if (blocked.isPresent()) {
                    failToStart(c, "CannotStartContainerError: " + blocked.get());
                    return;
                }
                if (ready(c)) {
                    launchContainer(c);
                    progress = true;
                }
            }
        }
        if (status == TaskStatus.PENDING && stopCode == null
                && containers.values().stream().allMatch(ContainerRun::started)) {
            status = TaskStatus.RUNNING;
            startedAt = Instant.now();
        }
        publish();
    }

    private boolean ready(ContainerRun c) {
        return deps(c).stream().allMatch(d -> {
            ContainerRun dep = containers.get(d.containerName());
            return switch (d.condition()) {
                case START -> dep.started();
                case COMPLETE -> dep.exited();
                case SUCCESS -> dep.exited() && dep.exitCode == 0;
                case HEALTHY -> dep.health == HealthStatus.HEALTHY;
            };
        });
    }

    private Optional<String> unsatisfiable(ContainerRun c) {
        for (ContainerLaunch.Dependency d : deps(c)) {
            ContainerRun dep = containers.get(d.containerName());
            if (dep == null) {
                return Optional.of("container " + c.name() + " depends on " + d.containerName()
                        + ", which is not in the task");
            }
            boolean never = switch (d.condition()) {
                case START, COMPLETE -> dep.reason != null && !dep.started();
                case SUCCESS -> dep.exited() && dep.exitCode != 0;
                case HEALTHY -> dep.launch.healthCheck() == null || dep.exited()
                        || dep.health == HealthStatus.UNHEALTHY;
            };
            if (never) {
                return Optional.of("dependency of container " + c.name() + " on " + d.containerName()
                        + " (condition " + d.condition() + ") can no longer be met"
                        + (dep.exited() ? "; it exited with code " + dep.exitCode : "; it is " + dep.health));
            }
        }
        return Optional.empty();
    }

    private static List<ContainerLaunch.Dependency> deps(ContainerRun c) {
        return c.launch.dependsOn() == null ? List.of() : c.launch.dependsOn();
    }

    private void launchContainer(ContainerRun c) {
        try {
            c.process = SandboxProcess.start(c.spec);
        } catch (IOException e) {
            failToStart(c, "CannotStartContainerError: " + e.getMessage());
            return;
        }
        c.status = ContainerStatus.RUNNING;
        c.process.exit().thenAccept(code -> events.add(new Exited(c, code)));
        if (c.launch.healthCheck() != null) {
            c.checker = new HealthChecker(launch.taskId() + "-" + c.name(), c.launch.healthCheck(), c.spec,
                    s -> events.add(new Health(c, s)));
            c.checker.start();
        }
        log.info("task {} container {} started (pid {})", launch.taskId(), c.name(), c.process.pid());
    }

    private void handle(Event event) {
        switch (event) {
            case Exited(ContainerRun c, int code) -> {
                c.exitCode = code;
                c.status = ContainerStatus.STOPPED;
                if (c.checker != null) {
                    c.checker.close();
                }
                if (ctx.cgroups().oomKilled(launch.taskId(), c.name())) {
                    c.reason = OOM_REASON;
                }
                log.info("task {} container {} exited with {}", launch.taskId(), c.name(), code);
                if (c.launch.essential()) {
                    beginStopping(StopCode.ESSENTIAL_CONTAINER_EXITED, ESSENTIAL_EXITED);
                }
            }
            case Health(ContainerRun c, HealthStatus s) -> {
                if (c.running()) {
                    c.health = s;
                }
            }
            case Stop(String reason) -> beginStopping(null, reason);
            case Signal(TaskSignal signal, CompletableFuture<List<SignalledContainer>> done) -> deliver(signal, done);
        }
        publish();
    }

    /** The processes die as if they crashed; their exits arrive as events and ECS's rules follow (essential). */
    private void deliver(TaskSignal signal, CompletableFuture<List<SignalledContainer>> done) {
        if (status != TaskStatus.RUNNING) {
            done.completeExceptionally(new IllegalStateException("task " + launch.taskId() + " is " + status
                    + ", not RUNNING"));
            return;
        }
        List<SignalledContainer> reached = containers.values().stream().filter(ContainerRun::running).map(c -> {
            log.info("task {} container {} (pid {}): SIG{} from outside the lifecycle", launch.taskId(), c.name(),
                    c.process.pid(), signal);
            switch (signal) {
                case KILL -> c.process.kill();
                case TERM -> c.process.terminate();
            }
            return new SignalledContainer(c.name(), c.process.pid());
        }).toList();
        done.complete(reached);
    }

    private boolean stopRequested() {
        Event e = events.peek();
        if (e instanceof Stop(String reason)) {
            events.poll();
            beginStopping(null, reason);
            return true;
        }
        return false;
    }

    private void failToStart(ContainerRun c, String reason) {
        c.reason = reason;
        beginStopping(StopCode.TASK_FAILED_TO_START, reason);
    }

    /** DEPROVISIONING: SIGTERM to every running container, each with its stopTimeout before SIGKILL. */
    private void beginStopping(StopCode code, String reason) {
        if (stoppingAt != null) {
            return;
        }
        stopCode = code;
        stoppedReason = reason;
        stoppingAt = Instant.now();
        status = TaskStatus.DEPROVISIONING;
        for (ContainerRun c : containers.values()) {
            if (c.running()) {
                c.killAt = stoppingAt.plusSeconds(c.launch.stopTimeout());
                c.process.terminate();
            } else if (!c.started()) {
                c.status = ContainerStatus.STOPPED;
            }
            if (c.checker != null) {
                c.checker.close();
            }
        }
        publish();
    }

    private long untilNextKill() {
        return containers.values().stream().filter(ContainerRun::running).map(c -> c.killAt)
                .min(Comparator.naturalOrder())
                .map(t -> Math.max(0, Duration.between(Instant.now(), t).toMillis())).orElse(0L);
    }

    private void killOverdue() {
        Instant now = Instant.now();
        containers.values().stream().filter(c -> c.running() && !now.isBefore(c.killAt)).forEach(c -> {
            log.info("task {} container {} ignored SIGTERM for {}s; sending SIGKILL", launch.taskId(), c.name(),
                    c.launch.stopTimeout());
            c.process.kill();
            c.killAt = now.plusSeconds(5);
        });
    }

    /** Frees the cgroups and the network, then STOPPED. */
    private void deprovision() {
        try {
            ctx.cgroups().remove(launch.taskId());
        } catch (IOException | RuntimeException e) {
            log.warn("task {}: cannot remove its cgroups: {}", launch.taskId(), e.getMessage());
        }
        if (sandbox != null) {
            try {
                networkHook.networkClosing(launch.taskId());
            } catch (RuntimeException e) {
                log.warn("task {}: closing what lives in its network: {}", launch.taskId(), e.getMessage());
            }
            try {
                ctx.networks().close(launch.taskId());
            } catch (RuntimeException e) {
                log.warn("task {}: cannot remove its network: {}", launch.taskId(), e.getMessage());
            }
        }
        status = TaskStatus.STOPPED;
        stoppedAt = Instant.now();
        if (stoppingAt == null) {
            stoppingAt = stoppedAt;
        }
        publish();
    }

    private void publish() {
        List<TaskObservation.ContainerObservation> observed = containers.values().stream()
                .map(ContainerRun::observe).toList();
        TaskObservation next = new TaskObservation(status, sandbox == null ? null : sandbox.ipv4(),
                sandbox == null ? null : sandbox.hostname(), pullStartedAt, pullStoppedAt, startedAt, stoppingAt,
                stoppedAt, stopCode, stoppedReason, taskHealth(), observed);
        if (!next.equals(observation)) {
            observation = next;
            changed.run();
        }
    }

    /** ECS: UNHEALTHY if any essential container is; HEALTHY once every essential one with a check is; else UNKNOWN. */
    private HealthStatus taskHealth() {
        return HealthStatus.ofTask(containers.values().stream()
                .filter(c -> c.launch.essential() && c.launch.healthCheck() != null).map(c -> c.health).toList());
    }
}
