package dev.mooring.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An HTTP listener's route table: ALB-style conditions, first match wins, forwards and local answers. */
class RouteTest extends ProxyTestBase {

    @Test
    void wildcardsMatchAsAlbConditionsDo() {
        assertThat(RouteMatch.glob("/api/*", "/api/getvotes")).isTrue();
        assertThat(RouteMatch.glob("/api/*", "/apis")).isFalse();
        assertThat(RouteMatch.glob("/img/?.png", "/img/a.png")).isTrue();
        assertThat(RouteMatch.glob("/img/?.png", "/img/ab.png")).isFalse();
        assertThat(RouteMatch.glob("*", "")).isTrue();
        assertThat(RouteMatch.glob("*.example.com", "www.example.com")).isTrue();
        RouteMatch m = new RouteMatch(List.of("*.Example.com"), List.of("/a/*", "/b"), List.of());
        assertThat(m.matches("WWW.example.com:8080", "/b", "GET")).as("host without case and port").isTrue();
        assertThat(m.matches("www.example.com", "/B", "GET")).as("paths keep their case").isFalse();
        assertThat(m.matches("example.org", "/a/x", "GET")).as("every condition must hold").isFalse();
        assertThat(new RouteMatch(List.of(), List.of(), List.of("POST")).matches("h", "/", "GET")).isFalse();
    }

    @Test
    void theFirstMatchingRouteWinsAndTheDefaultTakesTheRest() throws Exception {
        HttpBackend api = okBackend("api"), web = okBackend("web");
        ListenerConfig l = new ListenerConfig("ingress", Direction.INGRESS, new InetSocketAddress(proxyIp, 0),
                Protocol.HTTP, "web", null, null, List.of(
                        new Route(new RouteMatch(List.of(), List.of("/api/*"), List.of()),
                                new RouteAction.Forward("api")),
                        new Route(new RouteMatch(List.of(), List.of("/health"), List.of()),
                                new RouteAction.DirectResponse(200, "application/json", "{\"ok\":true}")),
                        new Route(new RouteMatch(List.of(), List.of("/old/*"), List.of()),
                                new RouteAction.Redirect(301, null, null, null, "/new/#{path}", null)),
                        Route.forwardAll("web")));
        Proxy p = dataPlane.start(new ProxyConfig("alb", List.of(l), List.of(ClusterConfig.of("api", Protocol.HTTP),
                ClusterConfig.of("web", Protocol.HTTP))), NetworkScope.HOST).join();
        closeables.add(p);
        p.updateHostSet(new HostSet("api", List.of(api.endpoint())));
        p.updateHostSet(new HostSet("web", List.of(web.endpoint())));

        assertThat(get(p, "/api/getvotes?x=1").body()).isEqualTo("api /api/getvotes?x=1");
        assertThat(get(p, "/index.html").body()).isEqualTo("web /index.html");
        HttpResponse<String> health = get(p, "/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).isEqualTo("{\"ok\":true}");
        assertThat(health.headers().firstValue("content-type")).hasValue("application/json");
        HttpResponse<String> moved = client.send(HttpRequest.newBuilder(uri(p, "/old/page?q=2"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        InetSocketAddress bound = p.boundAddress("ingress");
        assertThat(moved.statusCode()).isEqualTo(301);
        assertThat(moved.headers().firstValue("location")).hasValue("http://" + bound.getHostString() + ":"
                + bound.getPort() + "/new/old/page?q=2");
        assertThat(api.requests).hasValue(1);
        assertThat(web.requests).hasValue(1);
    }

    @Test
    void aWeightedForwardSplitsRequestsByWeight() throws Exception {
        HttpBackend blue = okBackend("blue"), green = okBackend("green"), off = okBackend("off");
        ListenerConfig l = new ListenerConfig("ingress", Direction.INGRESS, new InetSocketAddress(proxyIp, 0),
                Protocol.HTTP, null, null, null, List.of(new Route(RouteMatch.ANY, new RouteAction.WeightedForward(
                        List.of(new RouteAction.WeightedCluster("blue", 1), new RouteAction.WeightedCluster("green", 3),
                                new RouteAction.WeightedCluster("off", 0))))));
        Proxy p = dataPlane.start(new ProxyConfig("alb", List.of(l), List.of(ClusterConfig.of("blue", Protocol.HTTP),
                ClusterConfig.of("green", Protocol.HTTP), ClusterConfig.of("off", Protocol.HTTP))), NetworkScope.HOST)
                .join();
        closeables.add(p);
        p.updateHostSet(new HostSet("blue", List.of(blue.endpoint())));
        p.updateHostSet(new HostSet("green", List.of(green.endpoint())));
        p.updateHostSet(new HostSet("off", List.of(off.endpoint())));

        int n = 400;
        for (int i = 0; i < n; i++) assertThat(get(p, "/").statusCode()).isEqualTo(200);
        // 100 expected of 400 at weight 1 of 4; the bounds are 4.6 standard deviations either side
        assertThat(blue.requests.get()).isBetween(60, 140);
        assertThat(green.requests.get()).isEqualTo(n - blue.requests.get());
        assertThat(off.requests).hasValue(0);
    }

    @Test
    void aWeightedForwardNeedsSomeWeight() {
        assertThatThrownBy(() -> new RouteAction.WeightedForward(List.of(new RouteAction.WeightedCluster("a", 0))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ProxyConfig("alb", List.of(new ListenerConfig("in", Direction.INGRESS,
                new InetSocketAddress(proxyIp, 0), Protocol.HTTP, null, null, null, List.of(new Route(RouteMatch.ANY,
                        new RouteAction.WeightedForward(List.of(new RouteAction.WeightedCluster("nowhere", 1))))))),
                List.of())).hasMessageContaining("unknown cluster nowhere");
    }

    @Test
    void aTableWithoutAMatchAnswers404() throws Exception {
        ListenerConfig l = new ListenerConfig("ingress", Direction.INGRESS, new InetSocketAddress(proxyIp, 0),
                Protocol.HTTP, null, null, null, List.of(new Route(new RouteMatch(List.of("only.example"),
                        List.of(), List.of()), new RouteAction.DirectResponse(503, null, "maintenance"))));
        Proxy p = dataPlane.start(new ProxyConfig("alb", List.of(l), List.of()), NetworkScope.HOST).join();
        closeables.add(p);
        assertThat(get(p, "/").statusCode()).isEqualTo(404);
        // the JDK client will not set Host: ask over a plain socket
        InetSocketAddress a = p.boundAddress("ingress");
        try (Socket s = new Socket(a.getAddress(), a.getPort())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write("GET / HTTP/1.1\r\nHost: only.example\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            String reply = new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            assertThat(reply).startsWith("HTTP/1.1 503 ").endsWith("\r\n\r\nmaintenance");
        }
    }
}
