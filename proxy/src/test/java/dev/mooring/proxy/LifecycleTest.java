package dev.mooring.proxy;

import io.netty.handler.codec.http.HttpResponseStatus;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class LifecycleTest extends ProxyTestBase {

    @Test
    void drainFinishesRequestsInFlightAndRefusesNewConnections() throws Exception {
        CopyOnWriteArrayList<Runnable> parked = new CopyOnWriteArrayList<>();
        HttpBackend slow = backend("slow", (b, ctx, req) -> {
            req.release();
            parked.add(() -> ctx.writeAndFlush(b.response(HttpResponseStatus.OK, "done")));
        });
        Proxy proxy = start(Protocol.HTTP, List.of(slow.endpoint()));
        InetSocketAddress address = proxy.boundAddress("ingress");
        CompletableFuture<HttpResponse<String>> inFlight = client.sendAsync(
                HttpRequest.newBuilder(uri(proxy, "/slow")).build(), HttpResponse.BodyHandlers.ofString());
        await().until(() -> parked.size() == 1);
        // an idle keep-alive connection too: it must close at once
        Socket idle = new Socket(address.getAddress(), address.getPort());
        await().until(() -> proxy.status().activeConnections() == 2);

        CompletableFuture<Void> drained = proxy.drain(Duration.ofSeconds(10));
        await().untilAsserted(() -> assertThatThrownBy(() -> new Socket(address.getAddress(), address.getPort()).close())
                .isInstanceOf(ConnectException.class));
        idle.setSoTimeout(5000);
        assertThat(idle.getInputStream().read()).isEqualTo(-1);
        idle.close();
        assertThat(drained).isNotDone();
        assertThat(proxy.status().draining()).isTrue();

        parked.forEach(Runnable::run);
        HttpResponse<String> r = inFlight.get();
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("done");
        drained.get();
        assertThat(proxy.status().activeConnections()).isZero();
    }

    @Test
    void drainClosesWhatIsLeftAtTheDeadline() throws Exception {
        HttpBackend silent = backend("silent", (b, ctx, req) -> req.release());
        Proxy proxy = start(Protocol.HTTP, List.of(silent.endpoint()));
        CompletableFuture<HttpResponse<String>> stuck = client.sendAsync(
                HttpRequest.newBuilder(uri(proxy, "/")).build(), HttpResponse.BodyHandlers.ofString());
        await().until(() -> silent.requests.get() == 1);
        proxy.drain(Duration.ofMillis(300)).get();
        assertThat(stuck).failsWithin(Duration.ofSeconds(10));
        await().untilAsserted(() -> assertThat(observer.exchanges()).hasSize(1));
    }

    @Test
    void bindingATakenPortFailsClearlyAndLeavesNothingBound() throws Exception {
        InetAddress ip = InetAddress.getByName(proxyIp);
        try (ServerSocket taken = new ServerSocket(0, 1, ip)) {
            int free;
            try (ServerSocket probe = new ServerSocket(0, 1, ip)) {
                free = probe.getLocalPort();
            }
            ProxyConfig config = new ProxyConfig("task-2", List.of(
                    ListenerConfig.of("first", Direction.INGRESS, new InetSocketAddress(ip, free), Protocol.HTTP, "c"),
                    ListenerConfig.of("second", Direction.EGRESS, new InetSocketAddress(ip, taken.getLocalPort()), Protocol.TCP, "c")),
                    List.of(ClusterConfig.of("c", Protocol.HTTP)));
            assertThat(dataPlane.start(config, NetworkScope.HOST))
                    .failsWithin(Duration.ofSeconds(10))
                    .withThrowableThat()
                    .havingCause()
                    .isInstanceOf(ProxyException.class)
                    .withMessage("listener second: port " + taken.getLocalPort() + " is already in use on " + proxyIp
                            + " in the host network namespace");
            try (ServerSocket again = new ServerSocket(free, 1, ip)) {
                assertThat(again.getLocalPort()).isEqualTo(free);
            }
        }
    }
}
