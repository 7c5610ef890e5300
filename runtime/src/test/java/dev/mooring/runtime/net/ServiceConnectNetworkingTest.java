package dev.mooring.runtime.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;


import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pieces Service Connect adds to a task's network: a namespace thread and netfilter redirects. Root only. */
class ServiceConnectNetworkingTest {
    @TempDir
    Path stateDir;
    NetworkConfig config;

    @BeforeEach
    void setUp() {
        Host.requireRootAndTools();
        assertThat(Netfilter.available()).as("iptables (scripts/test-tools.sh installs it)").isTrue();
        config = Host.uniqueConfig(stateDir);
    }

    @Test
    void everythingANamespaceThreadRunsCreatesSocketsInTheTask() throws Exception {
        try (TaskNetworks networks = TaskNetworks.create(config)) {
            TaskSandbox task = networks.open(TaskIds.random(), null, List.of());
            try (NamespaceThread thread = NamespaceThread.start(task.netnsPath())) {
                for (int i = 0; i < 2; i++) {
                    CompletableFuture<ServerSocket> bound = new CompletableFuture<>();
                    thread.execute(() -> {
                        try {
                            bound.complete(new ServerSocket(0, 50,
                                    java.net.InetAddress.getByName("127.255.0.10")));
                        } catch (Exception e) {
                            bound.completeExceptionally(e);
                        }
                    });
                    try (ServerSocket s = bound.get(10, TimeUnit.SECONDS)) {
                        assertThat(Host.runIn(task, "ss", "-Htln")).as("listening inside the task")
                                .contains(":" + s.getLocalPort());
                        assertThat(Host.run(List.of("ss", "-Htln", "sport = :" + s.getLocalPort()))).isBlank();
                    }
                }
                assertThat(thread.isAlive()).isTrue();
            }
        }
        assertThatThrownBy(() -> NamespaceThread.start(Path.of("/run/netns/mooring-000000000000")))
                .isInstanceOf(NetworkException.class).hasMessageContaining("No such file");
    }

    @Test
    void ingressInterceptionSendsTheAppsPortToTheListenerAndEgressRemapMovesAVipPort() throws Exception {
        try (TaskNetworks networks = TaskNetworks.create(config)) {
            TaskSandbox task = networks.open(TaskIds.random(), null, List.of());
            Netfilter netfilter = Netfilter.locate();
            netfilter.append(task.netnsName(), List.of(
                    List.of("-w", "-t", "nat", "-A", "PREROUTING", "-p", "tcp", "--dport", "7000", "-j", "REDIRECT",
                            "--to-ports", "15000"),
                    List.of("-w", "-t", "nat", "-A", "OUTPUT", "-d", "127.255.0.7/32", "-p", "tcp", "--dport", "80",
                            "-j", "DNAT", "--to-destination", "127.255.0.7:15001")));
            assertThat(netfilter.natRules(task.netnsName())).contains("--dport 7000").contains("--to-ports 15000");
            try (NamespaceThread thread = NamespaceThread.start(task.netnsPath());
                 ServerSocket app = inside(thread, new InetSocketAddress("0.0.0.0", 7000));
                 ServerSocket listener = inside(thread, new InetSocketAddress("0.0.0.0", 15000));
                 ServerSocket egress = inside(thread, new InetSocketAddress("127.255.0.7", 15001))) {
                // from outside the task (the host, as a client proxy would): the app's port reaches the listener
                assertThat(exchange(new InetSocketAddress(task.ipv4(), 7000), listener)).isTrue();
                // from inside the task: its own traffic to vip:80 reaches the listener on vip:15001
                CompletableFuture<Socket> connected = new CompletableFuture<>();
                thread.execute(() -> {
                    try {
                        connected.complete(new Socket("127.255.0.7", 80));
                    } catch (Exception e) {
                        connected.completeExceptionally(e);
                    }
                });
                try (Socket s = connected.get(10, TimeUnit.SECONDS); Socket accepted = egress.accept()) {
                    assertThat(accepted.getLocalPort()).isEqualTo(15001);
                }
                // the app itself is still reachable on its port from inside the task (no redirect on OUTPUT)
                assertThat(Host.runIn(task, "/usr/bin/python3", "-c",
                        "import socket; socket.create_connection(('127.0.0.1', 7000), 5); print('ok')"))
                        .contains("ok");
                try (Socket direct = app.accept()) {
                    assertThat(direct.getLocalPort()).isEqualTo(7000);
                }
            }
        }
    }

    private static ServerSocket inside(NamespaceThread thread, InetSocketAddress address) throws Exception {
        CompletableFuture<ServerSocket> bound = new CompletableFuture<>();
        thread.execute(() -> {
            try {
                ServerSocket s = new ServerSocket();
                s.setReuseAddress(true);
                s.bind(address);
                bound.complete(s);
            } catch (Exception e) {
                bound.completeExceptionally(e);
            }
        });
        return bound.get(10, TimeUnit.SECONDS);
    }

    private static boolean exchange(InetSocketAddress target, ServerSocket expected) throws Exception {
        try (Socket client = new Socket()) {
            client.connect(target, 5000);
            try (Socket accepted = expected.accept()) {
                OutputStream out = client.getOutputStream();
                out.write("ping\n".getBytes(StandardCharsets.UTF_8));
                out.flush();
                InputStream in = accepted.getInputStream();
                byte[] got = in.readNBytes(5);
                return new String(got, StandardCharsets.UTF_8).equals("ping\n");
            }
        }
    }
}
