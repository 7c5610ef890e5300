package dev.mooring.proxy;

import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ScopeAndPairTest extends ProxyTestBase {

    /** A scope whose executor is one thread of its own, counting what runs there. */
    private record CountingScope(ExecutorService thread, AtomicInteger runs) implements NetworkScope {
        @Override
        public java.util.concurrent.Executor executor() {
            return task -> thread.execute(() -> {
                runs.incrementAndGet();
                task.run();
            });
        }

        @Override
        public String description() {
            return "a test scope";
        }
    }

    @Test
    void listenerAndUpstreamSocketsAreCreatedOnTheirScopesExecutors() throws Exception {
        HttpBackend a = okBackend("a");
        ExecutorService listenerThread = Executors.newSingleThreadExecutor();
        ExecutorService upstreamThread = Executors.newSingleThreadExecutor();
        try {
            CountingScope listenerScope = new CountingScope(listenerThread, new AtomicInteger());
            CountingScope upstreamScope = new CountingScope(upstreamThread, new AtomicInteger());
            ProxyConfig config = new ProxyConfig("task-s", List.of(ListenerConfig.of("ingress", Direction.INGRESS,
                    new InetSocketAddress(proxyIp, 0), Protocol.HTTP, "app")),
                    List.of(ClusterConfig.of("app", Protocol.HTTP).withUpstreamScope(upstreamScope)));
            Proxy proxy = dataPlane.start(config, listenerScope).join();
            closeables.add(proxy);
            proxy.updateHostSet(new HostSet("app", List.of(a.endpoint())));
            assertThat(listenerScope.runs()).hasValue(1);
            for (int i = 0; i < 5; i++) assertThat(get(proxy, "/").statusCode()).isEqualTo(200);
            assertThat(upstreamScope.runs()).hasValue(1);       // one pooled keep-alive upstream connection
        } finally {
            listenerThread.shutdownNow();
            upstreamThread.shutdownNow();
        }
    }

    @Test
    void anEgressIngressPairCarriesRequestsAndTheServerSidesServiceTime() throws Exception {
        HttpBackend app = okBackend("app");
        InetSocketAddress ingressAddress = new InetSocketAddress(nextIp(), 0);
        Proxy server = dataPlane.start(new ProxyConfig("server-task",
                List.of(ListenerConfig.of("ingress", Direction.INGRESS, ingressAddress, Protocol.HTTP, "app")),
                List.of(ClusterConfig.of("app", Protocol.HTTP))), NetworkScope.HOST).join();
        closeables.add(server);
        server.updateHostSet(new HostSet("app", List.of(app.endpoint())));
        Proxy client = start(Protocol.HTTP, List.of(Endpoint.of("server-task", server.boundAddress("ingress"))),
                c -> c, l -> new ListenerConfig("ingress", Direction.EGRESS, l.address(), Protocol.HTTP, l.cluster(),
                        null, null));
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> r = get(client, "/through?i=" + i);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).isEqualTo("app /through?i=" + i);
            assertThat(r.headers().allValues("x-envoy-upstream-service-time")).hasSize(1);   // added once, by ingress
        }
        await().untilAsserted(() -> assertThat(observer.exchanges()).hasSize(6));
        assertThat(observer.exchanges()).extracting(x -> x.endpoint().id())
                .containsExactlyInAnyOrder("app", "app", "app", "server-task", "server-task", "server-task");
    }
}
