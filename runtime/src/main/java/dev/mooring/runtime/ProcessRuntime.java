package dev.mooring.runtime;

import dev.mooring.runtime.image.Binaries;
import dev.mooring.runtime.image.ImageCatalog;
import dev.mooring.runtime.logs.LogStreams;
import dev.mooring.runtime.net.BridgeLock;
import dev.mooring.runtime.net.NetworkConfig;
import dev.mooring.runtime.net.TaskNetworks;
import dev.mooring.runtime.process.Cgroups;
import dev.mooring.task.TaskLaunch;
import dev.mooring.task.TaskObservation;
import dev.mooring.task.TaskRuntime;
import dev.mooring.task.TaskSignal;
import dev.mooring.task.TaskStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tasks as real processes, one network namespace per task (Fargate's awsvpc mode on one machine). Containers
 * run as unprivileged users in the task's namespaces and cgroups; their images come from the {@link ImageCatalog}
 * and their output goes to awslogs-named {@link LogStreams}. Needs root.
 *
 * <p>State directory layout: {@code images.conf}, {@code bin/} (unpacked servers), {@code tasks/<task>/<container>/}
 * (private directories, removed on release), {@code logs/} and {@code log-index/} (kept), and whatever the network
 * layer keeps there. Containers run as other users, so {@code bin/} and {@code tasks/} must be reachable by them:
 * when a parent of the state directory is not searchable by others (root's home, {@code /root}, is 0700), those two
 * live under {@link #SHARED_ROOT} instead, and the rest stays in the state directory.
 */
public final class ProcessRuntime implements TaskRuntime {
    private static final Logger log = LoggerFactory.getLogger(ProcessRuntime.class);
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(10);
    private static final Duration SIGNAL_BOUND = Duration.ofSeconds(5);
    /** Where task-visible files go when the state directory is out of other users' reach; one folder per bridge. */
    static final Path SHARED_ROOT = Path.of("/var/lib/mooring");

    private final RuntimeContext ctx;
    private volatile TaskNetworkHook networkHook = TaskNetworkHook.NONE;
    private final Map<String, TaskSupervisor> tasks = new ConcurrentHashMap<>();
    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();

    private ProcessRuntime(RuntimeContext ctx) {
        this.ctx = ctx;
    }

    /** Opens the runtime on a state directory with the catalog in it ({@code <stateDir>/images.conf}). */
    public static ProcessRuntime create(Path stateDir, NetworkConfig network) throws IOException {
        // the bridge first: a live Mooring on it shares our cgroups and task root, and must not lose them
        BridgeLock lock = TaskNetworks.claimBridge(network);
        try {
            return create(stateDir, network, ImageCatalog.open(stateDir, new Binaries(taskRoot(stateDir, network))),
                    lock);
        } catch (IOException | RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /** As {@link #create(Path, NetworkConfig)} with a catalog of the caller's. */
    public static ProcessRuntime create(Path stateDir, NetworkConfig network, ImageCatalog images)
            throws IOException {
        BridgeLock lock = TaskNetworks.claimBridge(network);
        try {
            return create(stateDir, network, images, lock);
        } catch (IOException | RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /** The state directory when containers can reach it, else a folder of {@link #SHARED_ROOT} for this bridge. */
    static Path taskRoot(Path stateDir, NetworkConfig network) throws IOException {
        Path absolute = stateDir.toAbsolutePath().normalize();
        for (Path p = absolute.getParent(); p != null; p = p.getParent()) {
            if (Files.exists(p) && !Files.getPosixFilePermissions(p).contains(PosixFilePermission.OTHERS_EXECUTE)) {
                Path shared = SHARED_ROOT.resolve(network.bridge());
                Files.createDirectories(shared);
                for (Path q = shared; q != null && q.startsWith(SHARED_ROOT); q = q.getParent()) {
                    Files.setPosixFilePermissions(q, PosixFilePermissions.fromString("rwxr-xr-x"));
                }
                return shared;
            }
        }
        return absolute;
    }

    /**
     * Cleans up after a runtime that died without closing (its processes, cgroups, private directories and, through
     * {@link TaskNetworks#create}, its namespaces), then makes the bridge; only while holding the bridge lock.
     */
    private static ProcessRuntime create(Path stateDir, NetworkConfig network, ImageCatalog images, BridgeLock lock)
            throws IOException {
        Files.createDirectories(stateDir);
        // containers run as other users and must reach their directories and Mooring's unpacked programs
        Set<PosixFilePermission> perms = EnumSet.copyOf(Files.getPosixFilePermissions(stateDir));
        perms.addAll(Set.of(PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_EXECUTE));
        Files.setPosixFilePermissions(stateDir, perms);
        Cgroups cgroups = Cgroups.detect(network.bridge());
        cgroups.removeAll();
        Path root = taskRoot(stateDir, network);
        if (!root.equals(stateDir.toAbsolutePath().normalize())) {
            log.info("a parent of {} is not searchable by other users, so containers could not reach it; their"
                    + " programs and private directories go to {}", stateDir, root);
        }
        Path tasksDir = root.resolve("tasks");
        deleteTree(tasksDir);
        Files.createDirectories(tasksDir);
        Files.setPosixFilePermissions(tasksDir, PosixFilePermissions.fromString("rwx--x--x"));
        TaskNetworks networks = TaskNetworks.create(network, lock);
        return new ProcessRuntime(new RuntimeContext(networks, images, new LogStreams(stateDir), cgroups, tasksDir,
                network.cidr()));
    }

    /**
     * What else lives in each task's network (Service Connect's proxy); set by the composition root before the
     * first launch.
     */
    public void attach(TaskNetworkHook hook) {
        this.networkHook = hook;
    }

    @Override
    public String name() {
        return "process";
    }

    @Override
    public void launch(TaskLaunch launch) {
        tasks.computeIfAbsent(launch.taskId(), id -> {
            TaskSupervisor supervisor = new TaskSupervisor(launch, ctx, networkHook, () -> changed(id));
            supervisor.start();
            return supervisor;
        });
    }

    @Override
    public void stop(String taskId, String reason) {
        TaskSupervisor supervisor = tasks.get(taskId);
        if (supervisor != null) {
            supervisor.stop(reason);
        }
    }

    @Override
    public Optional<TaskObservation> observe(String taskId) {
        return Optional.ofNullable(tasks.get(taskId)).map(TaskSupervisor::observation);
    }

    @Override
    public Set<String> taskIds() {
        return Set.copyOf(tasks.keySet());
    }

    /**
     * Sends a signal to the container processes of one of this runtime's tasks, as chaos testing does: the runtime
     * started them and holds their PIDs, so nothing else on the machine can be reached this way. Empty when the
     * runtime holds no such task; {@link IllegalStateException} when the task is not RUNNING.
     */
    public Optional<List<SignalledContainer>> signal(String taskId, TaskSignal signal) throws InterruptedException {
        TaskSupervisor supervisor = tasks.get(taskId);
        if (supervisor == null) {
            return Optional.empty();
        }
        if (supervisor.observation().lastStatus() != TaskStatus.RUNNING) {
            throw new IllegalStateException("task " + taskId + " is " + supervisor.observation().lastStatus()
                    + ", not RUNNING");
        }
        try {
            return Optional.of(supervisor.signal(signal).get(SIGNAL_BOUND.toMillis(), TimeUnit.MILLISECONDS));
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IllegalStateException ise ? ise : new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("task " + taskId + " did not take the signal within " + SIGNAL_BOUND);
        }
    }

    /** The cgroup limits applied to each container of a task, as text ({@code mooring status} shows them). */
    public Map<String, String> appliedLimits(String taskId) {
        return Optional.ofNullable(tasks.get(taskId)).map(TaskSupervisor::appliedLimits).orElse(Map.of());
    }

    /** More {@code /etc/hosts} lines for a running task (Service Connect's live endpoint names). */
    public void addExtraHosts(String taskId, java.util.List<dev.mooring.task.TaskLaunch.HostEntry> more) {
        ctx.networks().addHosts(taskId, more);
    }

    /** The task's container log streams, kept after release. */
    public LogStreams logs() {
        return ctx.logs();
    }

    /** The DNS server address tasks use: the bridge's gateway. */
    public String gatewayAddress() {
        return ctx.networks().gatewayAddress();
    }

    /** An address of the task network on the bridge, for a load balancer (see {@link TaskNetworks#openHostAddress}). */
    public String openHostAddress(String preferred) {
        return ctx.networks().openHostAddress(preferred);
    }

    public void closeHostAddress(String address) {
        ctx.networks().closeHostAddress(address);
    }

    @Override
    public void release(String taskId) {
        TaskSupervisor supervisor = tasks.get(taskId);
        if (supervisor == null || supervisor.observation().lastStatus() != TaskStatus.STOPPED) {
            return;
        }
        tasks.remove(taskId);
        try {
            deleteTree(ctx.tasksDir().resolve(taskId));
        } catch (IOException e) {
            log.warn("cannot remove the directories of task {}: {}", taskId, e.getMessage());
        }
    }

    @Override
    public void onChange(Consumer<String> listener) {
        listeners.add(listener);
    }

    private void changed(String taskId) {
        listeners.forEach(l -> l.accept(taskId));
    }

    /** Stops every task (SIGTERM, SIGKILL after its stopTimeout), then removes every cgroup and the bridge. */
    @Override
    public void close() {
        tasks.values().forEach(t -> t.stop("Mooring server shut down"));
        try {
            for (TaskSupervisor t : tasks.values()) {
                if (!t.awaitStopped(t.stopBound().plus(SHUTDOWN_GRACE))) {
                    log.warn("a task did not stop in time; its processes are killed with the cgroups");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            ctx.cgroups().removeAll();
            deleteTree(ctx.tasksDir());
        } catch (IOException e) {
            log.warn("cleanup at shutdown incomplete: {}", e.getMessage());
        }
        ctx.networks().close();
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
