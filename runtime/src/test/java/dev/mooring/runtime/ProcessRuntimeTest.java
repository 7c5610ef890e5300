package dev.mooring.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mooring.runtime.logs.LogStream;
import dev.mooring.runtime.net.Host;
import dev.mooring.runtime.net.NetworkConfig;
import dev.mooring.task.ContainerLaunch.Dependency;
import dev.mooring.task.ContainerLaunch.HealthCheck;
import dev.mooring.task.ContainerLaunch.Port;
import dev.mooring.task.ContainerLaunch;
import dev.mooring.task.DependencyCondition;
import dev.mooring.task.HealthStatus;
import dev.mooring.task.StopCode;
import dev.mooring.task.TaskLaunch;
import dev.mooring.task.TaskObservation;
import dev.mooring.task.TaskStatus;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real tasks: processes in network namespaces, real Redis and PostgreSQL. Needs root, as CI has. */
class ProcessRuntimeTest {
    static final String PYTHON = "/usr/bin/python3";
    @TempDir
    static Path state;
    static ProcessRuntime runtime;
    /** The first three octets of the test's /24, with the dot. */
    static String subnet;

    @BeforeAll
    static void start() throws Exception {
        assertThat(ProcessHandle.current().info().user()).as("the process runtime needs root").contains("root");
        assertThat(Path.of(PYTHON)).as("tests run servers with Debian's python3").isExecutable();
        // a bridge and a /24 of our own, so this test runs beside any other Mooring on the machine
        NetworkConfig net = Host.uniqueConfig(state, "mrt");
        subnet = net.cidr().substring(0, net.cidr().lastIndexOf('.') + 1);
        runtime = ProcessRuntime.create(state, net);
    }

    @AfterAll
    static void stop() {
        if (runtime != null) {
            runtime.close();
        }
    }

    static ContainerLaunch container(String name, String image, List<String> command) {
        return new ContainerLaunch(name, image, null, command, Map.of("GREETING", "hello"), null, true, List.of(),
                null, 2, null, List.of(), null, null, "ecs/test", "app");
    }

    static ContainerLaunch with(ContainerLaunch c, boolean essential, List<Dependency> deps, HealthCheck check,
                                int stopTimeout, List<Port> ports, Integer memoryMiB) {
        return new ContainerLaunch(c.name(), c.image(), c.entryPoint(), c.command(), c.environment(),
                c.workingDirectory(), essential, deps, check, stopTimeout, c.user(), ports, c.cpu(), memoryMiB,
                c.logGroup(), c.logStreamPrefix());
    }

    static String launch(ContainerLaunch... containers) {
        String id = HexFormat.of().formatHex(java.nio.ByteBuffer.allocate(16)
                .putLong(ThreadLocalRandom.current().nextLong()).putLong(System.nanoTime()).array());
        runtime.launch(new TaskLaunch("arn:aws:ecs:us-east-1:000000000000:task/test/" + id, id, "us-east-1", "test",
                "fam", 1, List.of(containers), List.of(), 256, 512));
        return id;
    }

    static TaskObservation awaitStatus(String id, TaskStatus status) {
        await().atMost(Duration.ofSeconds(60)).until(() -> runtime.observe(id).orElseThrow().lastStatus()
                .equals(status));
        return runtime.observe(id).orElseThrow();
    }

    static TaskObservation.ContainerObservation container(TaskObservation t, String name) {
        return t.containers().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void catchAllImageServesFromTheTaskAddressAsNobodyInItsOwnPidNamespace() throws Exception {
        String script = "import http.server, os, subprocess; open('ps.txt', 'w').write(subprocess.run(['ps', '-e',"
                + " '-o', 'pid=,user=,comm='], capture_output=True, text=True).stdout); print('up as', os.getuid(),"
                + " os.environ['GREETING'], flush=True); http.server.test(HandlerClass="
                + "http.server.SimpleHTTPRequestHandler, port=8080, bind='0.0.0.0')";
        String id = launch(container("web", "mooring/exec", List.of(PYTHON, "-c", script)));
        TaskObservation t = awaitStatus(id, TaskStatus.RUNNING);
        assertThat(t.privateIpv4()).startsWith(subnet);
        HttpClient http = HttpClient.newHttpClient();
        URI uri = URI.create("http://" + t.privateIpv4() + ":8080/ps.txt");
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() ->
                http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()).statusCode()
                        == 200);
        String ps = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()).body();
        List<String> lines = ps.lines().map(String::strip).toList();
        assertThat(lines).as("only the task's own processes, none as root").hasSizeLessThanOrEqualTo(4)
                .allSatisfy(l -> assertThat(l).contains("nobody")).anySatisfy(l -> assertThat(l).startsWith("1 "));
        LogStream stream = runtime.logs().find(id, "web").orElseThrow();
        assertThat(stream.group()).isEqualTo("ecs/test");
        assertThat(stream.stream()).isEqualTo("app/web/" + id);
        assertThat(stream.file()).isEqualTo(state.resolve("logs/ecs/test/app/web/" + id));
        await().until(() -> Files.readString(stream.file()).contains("up as 65534 hello"));

        runtime.stop(id, "Task stopped by test");
        TaskObservation stopped = awaitStatus(id, TaskStatus.STOPPED);
        assertThat(stopped.stoppedReason()).isEqualTo("Task stopped by test");
        assertThat(stopped.stopCode()).isNull();
        assertThat(container(stopped, "web").exitCode()).isEqualTo(143);
        runtime.release(id);
        assertThat(runtime.observe(id)).isEmpty();
        assertThat(state.resolve("tasks").resolve(id)).doesNotExist();
        assertThat(stream.file()).exists();
    }

    @Test
    void essentialExitStopsTheTaskWithItsExitCode() {
        String id = launch(container("main", "mooring/exec", List.of("/bin/sh", "-c", "sleep 1; exit 3")),
                with(container("side", "mooring/exec", List.of("/bin/sleep", "600")), false, List.of(), null, 2,
                        List.of(), null));
        TaskObservation t = awaitStatus(id, TaskStatus.STOPPED);
        assertThat(t.stopCode()).isEqualTo(StopCode.ESSENTIAL_CONTAINER_EXITED);
        assertThat(t.stoppedReason()).isEqualTo("Essential container in task exited");
        assertThat(container(t, "main").exitCode()).isEqualTo(3);
        assertThat(container(t, "side").exitCode()).isEqualTo(143);
    }

    @Test
    void dependsOnOrdersTheContainers() throws Exception {
        // init must succeed and db be healthy before app starts; each appends its name to a shared file
        Path order = Files.createTempFile(state, "order", ".txt");
        Files.setPosixFilePermissions(order, java.nio.file.attribute.PosixFilePermissions.fromString("rw-rw-rw-"));
        Map<String, String> env = Map.of("ORDER", order.toString());
        ContainerLaunch init = new ContainerLaunch("init", "mooring/exec", null, List.of("/bin/sh", "-c",
                "echo init >> $ORDER"), env, null, false, List.of(), null, 2, null, List.of(), null, null, null, null);
        ContainerLaunch db = new ContainerLaunch("db", "mooring/exec", null, List.of("/bin/sh", "-c",
                "sleep 2; echo db >> $ORDER; touch $HOME/ready; exec sleep 600"), env, null, true,
                List.of(new Dependency("init", DependencyCondition.SUCCESS)),
                // a start period: db is not ready for two seconds, and failed checks then must not make it UNHEALTHY
                new HealthCheck(List.of("CMD-SHELL", "test -f $HOME/ready"), 1, 2, 2, 30), 2, null, List.of(), null,
                null, null, null);
        ContainerLaunch app = new ContainerLaunch("app", "mooring/exec", null, List.of("/bin/sh", "-c",
                "echo app >> $ORDER; exec sleep 600"), env, null, true,
                List.of(new Dependency("db", DependencyCondition.HEALTHY),
                        new Dependency("init", DependencyCondition.COMPLETE)), null, 2, null, List.of(), null, null,
                null, null);
        String id = launch(init, db, app);
        assertThat(runtime.observe(id).orElseThrow().lastStatus()).isIn(TaskStatus.PROVISIONING, TaskStatus.PENDING);
        TaskObservation t = awaitStatus(id, TaskStatus.RUNNING);
        assertThat(container(t, "init").exitCode()).isZero();
        assertThat(container(t, "db").healthStatus()).isEqualTo(HealthStatus.HEALTHY);
        assertThat(t.healthStatus()).isEqualTo(HealthStatus.HEALTHY);
        await().until(() -> Files.readAllLines(order).size() == 3);
        assertThat(Files.readAllLines(order)).containsExactly("init", "db", "app");
        runtime.stop(id, "done");
        awaitStatus(id, TaskStatus.STOPPED);
    }

    @Test
    void failingHealthCheckMarksTheTaskUnhealthy() {
        String id = launch(with(container("web", "mooring/exec", List.of("/bin/sleep", "600")), true, List.of(),
                new HealthCheck(List.of("CMD", "/bin/false"), 1, 2, 2, 0), 2, List.of(), null));
        awaitStatus(id, TaskStatus.RUNNING);
        await().atMost(Duration.ofSeconds(30)).until(() -> runtime.observe(id).orElseThrow().healthStatus()
                .equals(HealthStatus.UNHEALTHY));
        assertThat(container(runtime.observe(id).orElseThrow(), "web").healthStatus()).isEqualTo(HealthStatus.UNHEALTHY);
        runtime.stop(id, "done");
        awaitStatus(id, TaskStatus.STOPPED);
    }

    @Test
    void stopTimeoutEndsWithSigkill() {
        String id = launch(with(container("stubborn", "mooring/exec", List.of("/bin/sh", "-c",
                "trap 'echo got TERM' TERM; while :; do sleep 1; done")), true, List.of(), null, 3, List.of(), null));
        awaitStatus(id, TaskStatus.RUNNING);
        Instant asked = Instant.now();
        runtime.stop(id, "stop it");
        assertThat(runtime.observe(id).orElseThrow().lastStatus()).isIn(TaskStatus.RUNNING, TaskStatus.DEPROVISIONING);
        TaskObservation t = awaitStatus(id, TaskStatus.STOPPED);
        assertThat(Duration.between(asked, t.stoppedAt())).isGreaterThanOrEqualTo(Duration.ofSeconds(3));
        assertThat(container(t, "stubborn").exitCode()).isEqualTo(137);
    }

    @Test
    void unknownImageCannotBePulled() {
        String id = launch(container("x", "nginx:1.25", null));
        TaskObservation t = awaitStatus(id, TaskStatus.STOPPED);
        assertThat(t.stopCode()).isEqualTo(StopCode.TASK_FAILED_TO_START);
        assertThat(container(t, "x").reason()).startsWith("CannotPullContainerError: image 'nginx:1.25' has no"
                + " mapping in " + state.resolve("images.conf") + "; add a line");
        assertThat(t.stoppedReason()).startsWith("CannotPullContainerError");
    }

    @Test
    void memoryLimitKillsWithOutOfMemoryError() {
        String id = launch(with(container("hog", "mooring/exec", List.of(PYTHON, "-c",
                "import time; b = b'x' * (256 << 20); time.sleep(60)")), true, List.of(), null, 2, List.of(), 32));
        TaskObservation t = awaitStatus(id, TaskStatus.STOPPED);
        assertThat(runtime.appliedLimits(id).get("hog")).contains("memory 32 MiB", "task memory 512 MiB");
        assertThat(container(t, "hog").reason()).isEqualTo("OutOfMemoryError: Container killed due to memory usage");
        assertThat(container(t, "hog").exitCode()).isEqualTo(137);
        assertThat(t.stopCode()).isEqualTo(StopCode.ESSENTIAL_CONTAINER_EXITED);
    }

    @Test
    void redisTaskAnswersAtItsAddress() throws Exception {
        String id = launch(with(container("redis-server", "public.ecr.aws/j7e2a1k3/redis-sc:4.0.2", null), true,
                List.of(), null, 2, List.of(new Port("yelb-redis", 6379, "tcp", null)), null));
        TaskObservation t = awaitStatus(id, TaskStatus.RUNNING);
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() ->
                redis(t.privateIpv4(), "PING\r\n").startsWith("+PONG"));
        assertThat(redis(t.privateIpv4(), "INCR pageviews\r\n")).isEqualTo(":1\r\n");
        runtime.stop(id, "done");
        awaitStatus(id, TaskStatus.STOPPED);
    }

    static String redis(String host, String command) throws Exception {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, 6379), 2000);
            s.setSoTimeout(2000);
            OutputStream out = s.getOutputStream();
            out.write(command.getBytes(StandardCharsets.US_ASCII));
            byte[] buf = new byte[64];
            InputStream in = s.getInputStream();
            int n = in.read(buf);
            return new String(buf, 0, n, StandardCharsets.US_ASCII);
        }
    }

    @Test
    void yelbDbTaskServesTheSampleSchema() throws Exception {
        ContainerLaunch db = with(container("yelb-db", "public.ecr.aws/j7e2a1k3/yelb-sc-db:0.5", null), true,
                List.of(), null, 10, List.of(new Port("yelb-db", 5432, "tcp", null)), null);
        db = new ContainerLaunch(db.name(), db.image(), null, null, Map.of("POSTGRES_PASSWORD", "postgres_password"),
                null, true, List.of(), null, 10, null, db.portMappings(), null, null, "ecs/test", "yelb");
        String id = launch(db);
        TaskObservation t = awaitStatus(id, TaskStatus.RUNNING);
        List<String> psql = List.of("/usr/bin/psql", "-h", t.privateIpv4(), "-U", "postgres", "-d", "yelbdatabase",
                "-tA", "-c", "SELECT rtrim(name), count FROM restaurants ORDER BY name");
        await().atMost(Duration.ofSeconds(60)).until(() -> run(psql), out -> out.startsWith("bucadibeppo|0"));
        assertThat(run(psql).lines()).containsExactly("bucadibeppo|0", "chipotle|0", "ihop|0", "outback|0");
        runtime.stop(id, "done");
        TaskObservation stopped = awaitStatus(id, TaskStatus.STOPPED);
        assertThat(container(stopped, "yelb-db").exitCode()).isZero();
    }

    static String run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(30, TimeUnit.SECONDS);
        return out;
    }
}
