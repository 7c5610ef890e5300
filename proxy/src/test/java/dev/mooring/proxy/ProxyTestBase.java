package dev.mooring.proxy;

import dev.mooring.core.net.EventLoops;
import io.netty.channel.EventLoopGroup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/** A data plane, backends and an HTTP client on loopback; every test gets its own 127.0.0.x addresses. */
abstract class ProxyTestBase {
    private static int nextIp = 10 + (int) (ProcessHandle.current().pid() % 100);
    protected final RecordingObserver observer = new RecordingObserver();
    protected DataPlane dataPlane;
    protected EventLoopGroup backendGroup;
    protected final List<AutoCloseable> closeables = new ArrayList<>();
    protected HttpClient client;
    protected String proxyIp;
    protected String backendIp;

    static synchronized String nextIp() {
        nextIp = nextIp % 250 + 1;
        return "127.0.0." + (nextIp + 1);
    }

    @BeforeEach
    void setUpBase() {
        dataPlane = DataPlane.create(observer, 2);
        backendGroup = EventLoops.newGroup("test-backend", 2);
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        proxyIp = nextIp();
        backendIp = nextIp();
    }

    @AfterEach
    void tearDownBase() throws Exception {
        client.close();
        for (AutoCloseable c : closeables.reversed()) c.close();
        dataPlane.close();
        backendGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    protected HttpBackend backend(String name, HttpBackend.Responder responder) {
        HttpBackend b = new HttpBackend(backendGroup, name, backendIp, responder);
        closeables.add(b);
        return b;
    }

    protected HttpBackend okBackend(String name) {
        HttpBackend b = HttpBackend.ok(backendGroup, name, backendIp);
        closeables.add(b);
        return b;
    }

    /** An address nothing listens on: connections to it are refused. */
    protected InetSocketAddress refusingAddress() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName(backendIp))) {
            return new InetSocketAddress(backendIp, s.getLocalPort());
        }
    }

    /**
     * An address whose connections never complete: a listener that accepts nothing, its accept queue filled, so the
     * kernel drops further SYNs and a connect runs into its timeout. Fails the test if the queue does not fill.
     */
    protected InetSocketAddress silentAddress() throws IOException {
        ServerSocket listener = new ServerSocket(0, 1, java.net.InetAddress.getByName(backendIp));
        closeables.add(listener);
        InetSocketAddress a = new InetSocketAddress(backendIp, listener.getLocalPort());
        for (int i = 0; i < 8; i++) {
            java.net.Socket s = new java.net.Socket();
            closeables.add(s);
            try {
                s.connect(a, 300);
            } catch (java.net.SocketTimeoutException full) {
                return a;
            }
        }
        throw new IllegalStateException("8 connections to a listener with backlog 1 all completed: no silent address");
    }

    protected Proxy start(Protocol protocol, List<Endpoint> hosts, UnaryOperator<ClusterConfig> cluster,
                          UnaryOperator<ListenerConfig> listener) {
        ClusterConfig c = cluster.apply(ClusterConfig.of("backend", protocol));
        ListenerConfig l = listener.apply(ListenerConfig.of("ingress", Direction.INGRESS,
                new InetSocketAddress(proxyIp, 0), protocol, "backend"));
        Proxy p = dataPlane.start(new ProxyConfig("task-1", List.of(l), List.of(c)), NetworkScope.HOST).join();
        closeables.add(p);
        p.updateHostSet(new HostSet("backend", hosts));
        return p;
    }

    protected Proxy start(Protocol protocol, List<Endpoint> hosts) {
        return start(protocol, hosts, c -> c, l -> l);
    }

    protected static URI uri(Proxy p, String path) {
        InetSocketAddress a = p.boundAddress("ingress");
        return URI.create("http://" + a.getHostString() + ":" + a.getPort() + path);
    }

    protected HttpResponse<String> get(Proxy p, String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(uri(p, path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
