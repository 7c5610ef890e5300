package dev.mooring.runtime.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.mooring.core.net.Ipv4Cidr;
import dev.mooring.task.TaskLaunch.HostEntry;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real namespaces, veths and a bridge: runs as root, as CI does. */
class TaskNetworksTest {
    private static final String SERVER = """
            import socket
            s = socket.socket()
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            s.bind(('0.0.0.0', 7000))
            s.listen()
            print('listening', flush=True)
            while True:
                c, peer = s.accept()
                c.sendall((socket.gethostname() + ' ' + peer[0] + '\\n').encode())
                c.close()
            """;

    @TempDir
    Path stateDir;
    NetworkConfig config;

    @BeforeEach
    void setUp() {
        Host.requireRootAndTools();
        config = Host.uniqueConfig(stateDir);
    }

    @Test
    void eachTaskHasItsOwnAddressHostnameHostsAndResolver() {
        String extraIp;
        TaskSandbox a;
        TaskSandbox b;
        String hostUnprivilegedPortStart = Host.run(List.of("cat", "/proc/sys/net/ipv4/ip_unprivileged_port_start"))
                .strip();
        try (TaskNetworks networks = TaskNetworks.create(config)) {
            Ipv4Cidr cidr = NetworkConfig.taskCidr(config.cidr());
            extraIp = Ipv4Cidr.format(cidr.network() + 77);
            a = networks.open(TaskIds.random(), null, List.of());
            b = networks.open(TaskIds.random(), "web-1", List.of(new HostEntry("redis.local", extraIp)));

            assertThat(networks.gatewayAddress()).isEqualTo(Ipv4Cidr.format(cidr.gateway()));
            assertThat(a.ipv4()).isNotEqualTo(b.ipv4()).isNotEqualTo(networks.gatewayAddress());
            assertThat(List.of(a.ipv4(), b.ipv4())).allMatch(ip -> cidr.contains(Ipv4Cidr.parseAddress(ip)));
            assertThat(a.hostname()).isEqualTo("ip-" + a.ipv4().replace('.', '-'));
            assertThat(a.netnsName()).matches("mooring-[0-9a-f]{12}").isEqualTo("mooring-" + a.taskId().substring(0, 12));
            assertThat(a.netnsPath()).isEqualTo(Path.of("/run/netns", a.netnsName()));
            assertThat(networks.open(a.taskId(), null, List.of())).as("opening twice").isEqualTo(a);

            assertThat(Host.runIn(a, "hostname").strip()).isEqualTo(a.hostname());
            assertThat(Host.runIn(b, "hostname").strip()).isEqualTo("web-1");
            assertThat(Host.run(List.of("hostname")).strip()).as("the host keeps its name")
                    .isNotIn(a.hostname(), "web-1");
            // as Docker sets it: an unprivileged container may listen on port 80 (the setting is per namespace)
            assertThat(Host.runIn(a, "cat", "/proc/sys/net/ipv4/ip_unprivileged_port_start").strip()).isEqualTo("0");
            assertThat(Host.run(List.of("cat", "/proc/sys/net/ipv4/ip_unprivileged_port_start")).strip())
                    .as("the host's own setting is untouched").isEqualTo(hostUnprivilegedPortStart);

            assertThat(Host.runIn(a, "cat", "/etc/hosts")).contains("127.0.0.1\tlocalhost")
                    .contains(a.ipv4() + "\t" + a.hostname()).doesNotContain("web-1").doesNotContain("redis.local");
            assertThat(Host.runIn(b, "cat", "/etc/hosts")).contains(b.ipv4() + "\tweb-1")
                    .contains(extraIp + "\tredis.local");
            assertThat(Host.runIn(b, "getent", "hosts", "redis.local")).startsWith(extraIp);
            assertThat(Host.runIn(a, "cat", "/etc/resolv.conf"))
                    .isEqualTo("nameserver " + networks.gatewayAddress() + "\noptions ndots:1\n");

            assertThat(Host.runIn(a, "sh", "-c", "echo $$").strip()).as("the program is PID 1 of its own PID namespace")
                    .isEqualTo("1");
            assertThat(Host.runIn(a, "ip", "-o", "-4", "addr", "show", "dev", "eth0"))
                    .contains(a.ipv4() + "/" + cidr.prefix());
            assertThat(Host.runIn(a, "ip", "-o", "link", "show", "dev", "lo")).contains("UP");
            assertThat(Host.runIn(a, "ip", "route")).as("no default route: nothing leaves the machine")
                    .doesNotContain("default").contains(config.cidr());
            assertThat(Host.run(List.of("ip", "-o", "link", "show", "master", config.bridge())))
                    .contains(Names.veth(a.taskId())).contains(Names.veth(b.taskId()));
            assertThat(Files.readString(stateDir.resolve(StateFile.NAME))).contains(a.netnsName(), b.netnsName());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        assertNothingLeft(List.of(a, b));
        assertThat(stateDir.resolve(StateFile.NAME)).doesNotExist();
        assertThat(Host.linkExists(config.bridge())).isFalse();
        assertThat(BridgeLock.DIR.resolve(config.bridge() + ".lock")).doesNotExist();
    }

    @Test
    void hostReachesTasksAndTasksReachEachOtherAndTheHost() throws Exception {
        try (TaskNetworks networks = TaskNetworks.create(config)) {
            TaskSandbox a = networks.open(TaskIds.random(), null, List.of());
            TaskSandbox b = networks.open(TaskIds.random(), null, List.of());
            Process server = new ProcessBuilder(Host.inside(a, Host.PYTHON.toString(), "-c", SERVER)).start();
            try {
                BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(),
                        StandardCharsets.UTF_8));
                assertThat(out.readLine()).isEqualTo("listening");

                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress(a.ipv4(), 7000), 5000);
                    String reply = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                            StandardCharsets.UTF_8)).readLine();
                    assertThat(reply).as("host to task").isEqualTo(a.hostname() + " " + networks.gatewayAddress());
                }

                String client = "import socket; s = socket.create_connection(('" + a.ipv4() + "', 7000), 5);"
                        + " print(s.recv(200).decode().strip())";
                assertThat(Host.runIn(b, Host.PYTHON.toString(), "-c", client).strip()).as("task to task")
                        .isEqualTo(a.hostname() + " " + b.ipv4());
            } finally {
                server.destroyForcibly();
            }

            try (ServerSocket onHost = new ServerSocket(0, 1, InetAddress.getByName(networks.gatewayAddress()))) {
                onHost.setSoTimeout(10_000);
                String connect = "import socket; socket.create_connection(('" + networks.gatewayAddress() + "', "
                        + onHost.getLocalPort() + "), 5).close()";
                Host.runIn(b, Host.PYTHON.toString(), "-c", connect);
                try (Socket accepted = onHost.accept()) {
                    assertThat(accepted.getInetAddress().getHostAddress()).as("task to host").isEqualTo(b.ipv4());
                }
            }
        }
    }

    @Test
    void aSocketOpenedThroughNamespacesLivesInTheTaskNamespace() throws Exception {
        try (TaskNetworks networks = TaskNetworks.create(config)) {
            TaskSandbox task = networks.open(TaskIds.random(), null, List.of());
            try (ServerSocketChannel listener = Namespaces.callIn(task.netnsPath(),
                    () -> ServerSocketChannel.open().bind(new InetSocketAddress(0)))) {
                int port = ((InetSocketAddress) listener.getLocalAddress()).getPort();
                assertThat(Host.runIn(task, "ss", "-Htln")).as("listening inside the task").contains(":" + port);
                assertThat(Host.run(List.of("ss", "-Htln", "sport = :" + port))).as("not listening on the host")
                        .isBlank();
                try (SocketChannel client = SocketChannel.open(new InetSocketAddress(task.ipv4(), port));
                     SocketChannel accepted = listener.accept()) {
                    assertThat(((InetSocketAddress) accepted.getRemoteAddress()).getAddress().getHostAddress())
                            .isEqualTo(networks.gatewayAddress());
                    assertThat(client.isConnected()).isTrue();
                }
                assertThatThrownBy(() -> SocketChannel.open(new InetSocketAddress("127.0.0.1", port)).close())
                        .as("the host's loopback is not the task's").isInstanceOf(ConnectException.class);
            }
            assertThatThrownBy(() -> Namespaces.callIn(Path.of("/run/netns/mooring-000000000000"), () -> 1))
                    .isInstanceOf(NetworkException.class).hasMessageContaining("No such file");
        }
    }

    @Test
    void closingATaskKillsItsProcessesAndRemovesItsNetwork() throws Exception {
        try (TaskNetworks networks = TaskNetworks.create(config)) {
            TaskSandbox task = networks.open(TaskIds.random(), null, List.of());
            Process sleeper = new ProcessBuilder(Host.inside(task, "sleep", "600")).start();
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    new IpRoute("ip").netnsPids(task.netnsName()).size() >= 2);
            networks.close(task.taskId());
            assertThat(sleeper.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertNothingLeft(List.of(task));
            assertThat(networks.sandbox(task.taskId())).isEmpty();
            networks.close(task.taskId());
            TaskSandbox next = networks.open(TaskIds.random(), null, List.of());
            assertThat(next.ipv4()).as("addresses move on before reuse").isNotEqualTo(task.ipv4());
        }
    }

    @Test
    void badInputChangesNothing() {
        try (TaskNetworks networks = TaskNetworks.create(config)) {
            String taskId = TaskIds.random();
            assertThatThrownBy(() -> networks.open(taskId, "bad_name!", List.of()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a valid host name");
            assertThatThrownBy(() -> networks.open(taskId, null, List.of(new HostEntry("db", "not-an-ip"))))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not an IPv4 or IPv6");
            assertThat(Host.netns()).doesNotContain(Names.netns(taskId));
            assertThat(networks.open(taskId, null, List.of()).ipv4()).as("no address was used up")
                    .isEqualTo(Ipv4Cidr.format(NetworkConfig.taskCidr(config.cidr()).network() + 2));
        }
    }

    @Test
    void aSecondOwnerOfTheSameBridgeIsRefused() {
        try (TaskNetworks first = TaskNetworks.create(config)) {
            TaskSandbox task = first.open(TaskIds.random(), null, List.of());
            assertThatThrownBy(() -> TaskNetworks.create(config)).isInstanceOf(NetworkException.class)
                    .hasMessageContaining("belongs to another running Mooring");
            assertThat(Host.netns()).as("the refused owner cleaned nothing").contains(task.netnsName());
        }
    }

    @Test
    void theNextStartRemovesWhatAKilledOwnerLeft() throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process owner = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), CrashingOwner.class.getName(), config.bridge(),
                config.cidr(), stateDir.toString()).redirectErrorStream(true).start();
        List<String> left;
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(owner.getInputStream(),
                    StandardCharsets.UTF_8));
            String line;
            while ((line = out.readLine()) != null && !line.startsWith("READY")) {
                System.out.println("owner: " + line);
            }
            assertThat(line).as("the owner got its networks up").isNotNull();
            left = List.of(line.substring("READY ".length()).split(" "));
            IpRoute ip = new IpRoute("ip");
            await().atMost(Duration.ofSeconds(10)).until(() -> left.stream()
                    .allMatch(n -> ip.netnsPids(n).size() >= 2));
        } finally {
            owner.destroyForcibly();
        }
        assertThat(owner.waitFor(10, TimeUnit.SECONDS)).isTrue();
        IpRoute ip = new IpRoute("ip");
        List<Long> orphans = left.stream().flatMap(n -> ip.netnsPids(n).stream()).toList();
        assertThat(orphans).as("task processes outlive their owner's kill -9").isNotEmpty();
        assertThat(Host.netns()).containsAll(left);
        assertThat(Host.linkExists(config.bridge())).isTrue();

        try (TaskNetworks next = TaskNetworks.create(config)) {
            assertThat(Host.netns()).doesNotContainAnyElementsOf(left);
            for (String netns : left) {
                assertThat(Host.etcDirExists(netns)).isFalse();
                assertThat(Host.linkExists("mv" + netns.substring(8, 18))).isFalse();
            }
            assertThat(orphans).noneMatch(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)
                    && !zombie(pid));
            assertThat(next.open(TaskIds.random(), null, List.of()).ipv4()).isNotBlank();
        }
        assertThat(Host.linkExists(config.bridge())).isFalse();
        assertThat(BridgeLock.DIR.resolve(config.bridge() + ".lock")).doesNotExist();
    }

    @Test
    void withoutTheCapabilitiesTheMessageSaysWhatIsMissingAndHowToRun() throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process owner = new ProcessBuilder("setpriv", "--bounding-set=-net_admin,-sys_admin", java,
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                CrashingOwner.class.getName(), config.bridge(), config.cidr(), stateDir.toString())
                .redirectErrorStream(true).start();
        String out = new String(owner.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(owner.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(owner.exitValue()).isNotZero();
        assertThat(out).contains("lacks CAP_NET_ADMIN and CAP_SYS_ADMIN").contains("sudo ./mooring server")
                .contains("./mooring server --runtime simulated").doesNotContain("READY");
        assertThat(Host.linkExists(config.bridge())).as("nothing was touched").isFalse();
    }

    private static boolean zombie(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) == 'Z';
        } catch (IOException e) {
            return true;
        }
    }

    private void assertNothingLeft(List<TaskSandbox> sandboxes) {
        for (TaskSandbox s : sandboxes) {
            assertThat(Host.netns()).doesNotContain(s.netnsName());
            assertThat(Host.linkExists(Names.veth(s.taskId()))).as("veth of %s", s.taskId()).isFalse();
            assertThat(Host.etcDirExists(s.netnsName())).as("/etc/netns/%s", s.netnsName()).isFalse();
        }
    }
}
