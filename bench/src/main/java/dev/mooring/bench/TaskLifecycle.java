package dev.mooring.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * How fast a real {@code mooring server --runtime process} brings tasks up, replaces a killed one, and what memory
 * it holds, measured from outside as a client sees it: every duration runs from the moment the client acts
 * (CreateService answered, or SIGKILL sent) until DescribeTasks first reports the task RUNNING, polled every
 * {@value #POLL_MS} ms, so figures include up to that much polling delay.
 *
 * <p>Usage: {@code TaskLifecycle <endpoint-url> <server-pid> [starts=5] [kills=3] [tasks=10]}. Must run as root on
 * the server's machine: it finds a task's processes with {@code ip netns pids} and kills one.
 */
public final class TaskLifecycle {
    private static final long POLL_MS = 20;
    private static final Duration DEADLINE = Duration.ofSeconds(90);
    private static final String CLUSTER = "lifecycle";
    private static final String SLEEP = "sleep";
    private static final String REDIS = "redis";

    private final EcsClient ecs;
    private final long serverPid;
    private int services;

    private TaskLifecycle(URI endpoint, long serverPid) {
        this.ecs = new EcsClient(endpoint);
        this.serverPid = serverPid;
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: TaskLifecycle <endpoint-url> <server-pid> [starts=5] [kills=3] [tasks=10]");
            System.exit(2);
        }
        int starts = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        int kills = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        int tasks = args.length > 4 ? Integer.parseInt(args[4]) : 10;
        new TaskLifecycle(URI.create(args[0]), Long.parseLong(args[1])).run(starts, kills, tasks);
    }

    private void run(int starts, int kills, int tasks) throws Exception {
        long rssIdle = rssKiB();
        ecs.call("CreateCluster", Map.of("clusterName", CLUSTER));
        // sleep as a container's PID 1 ignores SIGTERM, so a short stopTimeout keeps each teardown short
        register(SLEEP, Map.of("name", "app", "image", "mooring/exec", "essential", true,
                "command", List.of("sleep", "3600"), "stopTimeout", 2));
        // a SIGTERM that reaches redis before it installed its handler is dropped (PID 1), hence a short one too
        register(REDIS, Map.of("name", "redis", "image", "redis:7", "essential", true, "stopTimeout", 2,
                "portMappings", List.of(Map.of("name", "redis", "containerPort", 6379))));

        // the first task of each image pays one-time costs (redis: unpacking its binary), so it is reported apart
        long sleepCold = startAndDelete(SLEEP);
        long redisCold = startAndDelete(REDIS);
        Histogram sleepStart = histogram();
        Histogram redisStart = histogram();
        for (int i = 0; i < starts; i++) { // alternated, so that noise from other load hits both alike
            sleepStart.recordValue(startAndDelete(SLEEP));
            redisStart.recordValue(startAndDelete(REDIS));
        }
        Histogram replace = killAndReplace(kills);

        String many = nextServiceName();
        long manyStart = System.nanoTime();
        createService(many, SLEEP, tasks);
        Set<String> manyTasks = awaitRunning(many, tasks, Set.of());
        long manyTook = System.nanoTime() - manyStart;
        long rssMany = rssKiB();
        deleteAndAwaitStopped(many, manyTasks, Set.of());
        long rssAfter = rssKiB();

        System.out.printf("%-52s %5s %9s %9s%n", "measure", "runs", "p50 ms", "max ms");
        row("CreateService -> RUNNING, mooring/exec sleep, first", 1, sleepCold, sleepCold);
        row("CreateService -> RUNNING, redis:7, first", 1, redisCold, redisCold);
        row("CreateService -> RUNNING, mooring/exec sleep", sleepStart);
        row("CreateService -> RUNNING, redis:7", redisStart);
        row("kill -9 of the task's process -> new task RUNNING", replace);
        row("CreateService -> all " + tasks + " tasks RUNNING, sleep", 1, manyTook, manyTook);
        System.out.printf("%-52s %9s%n", "server JVM RSS (VmRSS)", "MiB");
        rss("idle, before any task", rssIdle);
        rss("with " + tasks + " sleep tasks RUNNING", rssMany);
        rss("after those " + tasks + " tasks STOPPED", rssAfter);
    }

    private void register(String family, Map<String, ?> container) throws IOException, InterruptedException {
        ecs.call("RegisterTaskDefinition", Map.of("family", family, "networkMode", "awsvpc",
                "requiresCompatibilities", List.of("FARGATE"), "cpu", "256", "memory", "512",
                "containerDefinitions", List.of(container)));
    }

    /** A fresh 1-task service each time, deleted and its task STOPPED before the next run starts. */
    private long startAndDelete(String family) throws IOException, InterruptedException {
        String service = nextServiceName();
        long start = System.nanoTime();
        createService(service, family, 1);
        Set<String> running = awaitRunning(service, 1, Set.of());
        long took = System.nanoTime() - start;
        deleteAndAwaitStopped(service, running, Set.of());
        return took;
    }

    /** One service; each round kills its RUNNING task's process and times until the scheduler's replacement runs. */
    private Histogram killAndReplace(int kills) throws IOException, InterruptedException {
        String service = nextServiceName();
        createService(service, SLEEP, 1);
        Set<String> seen = new HashSet<>(awaitRunning(service, 1, Set.of()));
        Histogram took = histogram();
        Set<String> killed = new HashSet<>();
        String current = seen.iterator().next();
        for (int i = 0; i < kills; i++) {
            ProcessHandle target = containerProcess(taskId(current));
            long start = System.nanoTime();
            target.destroyForcibly(); // SIGKILL, as kill -9
            killed.add(current);
            Set<String> replacement = awaitRunning(service, 1, seen);
            took.recordValue(System.nanoTime() - start);
            current = replacement.iterator().next();
            seen.add(current);
        }
        deleteAndAwaitStopped(service, seen, killed);
        return took;
    }

    /**
     * The container's program, {@code sleep}, among the processes in the task's namespace (beside it run the
     * {@code unshare} holding the namespaces and the container's init shell). RUNNING is reported as soon as those
     * started, a moment before the program itself, so this waits for it: the SIGKILL must hit the program, as a
     * crash would, not the start-up.
     */
    private static ProcessHandle containerProcess(String taskId) throws IOException, InterruptedException {
        String netns = "mooring-" + taskId.substring(0, 12);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        Set<Long> pids;
        do {
            pids = netnsPids(netns);
            Optional<ProcessHandle> program = pids.stream().map(ProcessHandle::of).flatMap(Optional::stream)
                    .filter(p -> p.info().command().filter(c -> c.endsWith("/sleep")).isPresent())
                    .findFirst();
            if (program.isPresent()) {
                return program.get();
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(POLL_MS));
        } while (System.nanoTime() < deadline);
        throw new IllegalStateException("no sleep process in namespace " + netns + " within 10 s (its pids: "
                + pids + ")");
    }

    private static Set<Long> netnsPids(String netns) throws IOException, InterruptedException {
        Process ip = new ProcessBuilder("ip", "netns", "pids", netns).redirectErrorStream(true).start();
        String out = new String(ip.getInputStream().readAllBytes());
        if (ip.waitFor() != 0) {
            throw new IllegalStateException("ip netns pids " + netns + " failed: " + out.strip());
        }
        Set<Long> pids = new HashSet<>();
        out.lines().map(String::strip).filter(l -> !l.isEmpty()).forEach(l -> pids.add(Long.parseLong(l)));
        return pids;
    }

    private void createService(String service, String family, int count) throws IOException, InterruptedException {
        ecs.call("CreateService", Map.of("cluster", CLUSTER, "serviceName", service, "taskDefinition", family,
                "desiredCount", count, "launchType", "FARGATE"));
    }

    /** Waits until {@code count} tasks of the service that are not in {@code exclude} report RUNNING; their ARNs. */
    private Set<String> awaitRunning(String service, int count, Set<String> exclude)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (System.nanoTime() < deadline) {
            List<String> arns = arns(ecs.call("ListTasks", Map.of("cluster", CLUSTER, "serviceName", service))
                    .path("taskArns"));
            arns.removeAll(exclude);
            if (arns.size() >= count) {
                Set<String> running = new HashSet<>();
                for (JsonNode task : describe(arns)) {
                    if ("RUNNING".equals(task.path("lastStatus").asText())) {
                        running.add(task.path("taskArn").asText());
                    }
                }
                if (running.size() >= count) {
                    return running;
                }
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(POLL_MS));
        }
        throw new IllegalStateException("service " + service + " did not have " + count + " new tasks RUNNING within "
                + DEADLINE.toSeconds() + " s; its stopped tasks say: " + stoppedReasons(service));
    }

    private String stoppedReasons(String service) throws IOException, InterruptedException {
        List<String> arns = arns(ecs.call("ListTasks", Map.of("cluster", CLUSTER, "serviceName", service,
                "desiredStatus", "STOPPED")).path("taskArns"));
        List<String> reasons = new ArrayList<>();
        for (JsonNode task : describe(arns)) {
            reasons.add(task.path("stoppedReason").asText("?") + " (" + task.path("stopCode").asText("?") + ")");
        }
        return reasons.isEmpty() ? "none stopped" : String.join("; ", reasons);
    }

    /**
     * Deletes the service and waits for its tasks to stop. Every task must have been stopped by the deletion, or be
     * one the driver killed: a task that stopped by itself would mean its RUNNING was no real start.
     */
    private void deleteAndAwaitStopped(String service, Set<String> tasks, Set<String> killed)
            throws IOException, InterruptedException {
        ecs.call("DeleteService", Map.of("cluster", CLUSTER, "service", service, "force", true));
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        List<String> arns = List.copyOf(tasks);
        while (System.nanoTime() < deadline) {
            List<JsonNode> described = describe(arns);
            if (described.stream().allMatch(t -> "STOPPED".equals(t.path("lastStatus").asText()))) {
                for (JsonNode t : described) {
                    String code = t.path("stopCode").asText();
                    if (!killed.contains(t.path("taskArn").asText()) && !"ServiceSchedulerInitiated".equals(code)) {
                        throw new IllegalStateException("task " + t.path("taskArn").asText() + " of service "
                                + service + " stopped by itself, not by the benchmark: " + t.path("stoppedReason")
                                .asText() + " (" + code + "); see the server log");
                    }
                }
                return;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(POLL_MS * 5));
        }
        throw new IllegalStateException("the tasks of deleted service " + service + " did not stop within "
                + DEADLINE.toSeconds() + " s");
    }

    private List<JsonNode> describe(List<String> arns) throws IOException, InterruptedException {
        List<JsonNode> tasks = new ArrayList<>();
        if (!arns.isEmpty()) {
            ecs.call("DescribeTasks", Map.of("cluster", CLUSTER, "tasks", arns)).path("tasks").forEach(tasks::add);
        }
        return tasks;
    }

    private static List<String> arns(JsonNode array) {
        List<String> arns = new ArrayList<>();
        array.forEach(a -> arns.add(a.asText()));
        return arns;
    }

    private static String taskId(String taskArn) {
        return taskArn.substring(taskArn.lastIndexOf('/') + 1);
    }

    private String nextServiceName() {
        return "bench-" + services++;
    }

    private long rssKiB() throws IOException {
        return Files.readAllLines(Path.of("/proc", Long.toString(serverPid), "status")).stream()
                .filter(l -> l.startsWith("VmRSS:"))
                .mapToLong(l -> Long.parseLong(l.replaceAll("[^0-9]", "")))
                .findFirst().orElseThrow(() -> new IllegalStateException("no VmRSS for pid " + serverPid));
    }

    private static Histogram histogram() {
        return new Histogram(TimeUnit.MINUTES.toNanos(5), 3);
    }

    private static void row(String what, Histogram h) {
        row(what, h.getTotalCount(), h.getValueAtPercentile(50), h.getMaxValue());
    }

    private static void row(String what, long runs, long p50Nanos, long maxNanos) {
        System.out.printf("%-52s %5d %9.1f %9.1f%n", what, runs, p50Nanos / 1e6, maxNanos / 1e6);
    }

    private static void rss(String what, long kib) {
        System.out.printf("  %-50s %9.1f%n", what, kib / 1024.0);
    }
}
