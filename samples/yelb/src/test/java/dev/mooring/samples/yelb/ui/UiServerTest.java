package dev.mooring.samples.yelb.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.mooring.samples.yelb.YelbBackends;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The UI's front: its page, and its /api proxy against a recording stand-in for the app server. */
class UiServerTest {
    private static final String APP_SERVER = "yelb-appserver.yelb.lb.internal";
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<Map<String, String>> seen = new CopyOnWriteArrayList<>();
    private HttpServer appServer;

    /** Records what reaches it and answers 201 with a header and a body of its own. */
    @BeforeEach
    void startAppServer() throws IOException {
        appServer = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        appServer.createContext("/", exchange -> {
            Map<String, String> request = new ConcurrentHashMap<>();
            request.put("method", exchange.getRequestMethod());
            request.put("target", exchange.getRequestURI().toString());
            exchange.getRequestHeaders().forEach((k, v) -> request.put(k.toLowerCase(), String.join(",", v)));
            seen.add(request);
            byte[] body = "[{\"name\": \"outback\", \"value\": 1}]".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.getResponseHeaders().set("Access-Control-Allow-Origin", "*");
            exchange.sendResponseHeaders(201, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        appServer.start();
    }

    @AfterEach
    void stopAppServer() {
        appServer.stop(0);
    }

    @Test
    void servesTheVotingPage() throws Exception {
        try (UiServer ui = start(host -> List.of(InetAddress.getLoopbackAddress()))) {
            HttpResponse<String> page = get(ui, "/");

            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html");
            for (String restaurant : List.of("outback", "bucadibeppo", "ihop", "chipotle")) {
                assertThat(page.body()).contains("<button class=\"vote\" data-restaurant=\"" + restaurant + "\">");
            }
            assertThat(page.body()).contains("<svg id=\"chart\"").contains("id=\"pageviews\"").contains("id=\"hostname\"");
            assertThat(Pattern.compile("(src|href)=\"https?:").matcher(page.body()).find())
                    .as("nothing is fetched from outside").isFalse();
            assertThat(get(ui, "/index.html").body()).isEqualTo(page.body());
            assertThat(get(ui, "/favicon.ico").statusCode()).isEqualTo(404);
            assertThat(seen).as("the page is the front's own").isEmpty();
        }
    }

    @Test
    void apiGoesToTheAppServerAsNginxSendsIt() throws Exception {
        try (UiServer ui = start(host -> List.of(InetAddress.getLoopbackAddress()))) {
            HttpResponse<String> r = get(ui, "//api/getvotes?from=ui");

            assertThat(r.statusCode()).isEqualTo(201);
            assertThat(r.body()).isEqualTo("[{\"name\": \"outback\", \"value\": 1}]");
            assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
            assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
            assertThat(seen).singleElement().satisfies(request -> {
                assertThat(request).containsEntry("method", "GET")
                        .containsEntry("target", "/api/getvotes?from=ui")
                        .containsEntry("host", APP_SERVER + ":" + appServer.getAddress().getPort())
                        .containsEntry("connection", "close");
            });
            assertThat(get(ui, "/api/ihop").statusCode()).isEqualTo(201);
            assertThat(seen.get(1)).containsEntry("target", "/api/ihop");
        }
    }

    @Test
    void theNameIsResolvedOnceAtStartAndItsAddressesTakenInTurn() throws Exception {
        AtomicInteger lookups = new AtomicInteger();
        // 127.0.0.2 has nothing on the port: like a replaced task's old address, it refuses the connection
        List<InetAddress> addresses = List.of(InetAddress.getByName("127.0.0.2"), InetAddress.getLoopbackAddress());
        try (UiServer ui = start(host -> {
            assertThat(host).isEqualTo(APP_SERVER);
            lookups.incrementAndGet();
            return addresses;
        })) {
            for (int i = 0; i < 4; i++) {
                assertThat(get(ui, "/api/getvotes").statusCode()).isEqualTo(201);
            }
            assertThat(lookups).hasValue(1);
            assertThat(seen).hasSize(4);
        }
    }

    @Test
    void anUnresolvableAppServerStopsTheStartLikeNginx() {
        assertThatThrownBy(() -> start(host -> {
            throw new UnknownHostException(host);
        })).isInstanceOf(IOException.class)
                .hasMessage("host not found in upstream \"" + APP_SERVER + ":" + appServer.getAddress().getPort() + "\"");
    }

    @Test
    void anAppServerThatCannotBeReachedIsABadGateway() throws Exception {
        int closed = YelbBackends.freePort();
        try (UiServer ui = UiServer.start(new UiConfig(0, APP_SERVER, closed),
                host -> List.of(InetAddress.getLoopbackAddress()),
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            HttpResponse<String> r = get(ui, "//api/getvotes");

            assertThat(r.statusCode()).isEqualTo(502);
            assertThat(r.body()).contains("502 Bad Gateway");
        }
    }

    @Test
    void drainingLetsARequestInFlightFinishThenStops() throws Exception {
        CountDownLatch answer = new CountDownLatch(1);
        HttpServer slow = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        slow.createContext("/", exchange -> {
            seen.add(Map.of("target", exchange.getRequestURI().toString()));
            try {
                answer.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(200, 2);
            exchange.getResponseBody().write("ok".getBytes(StandardCharsets.UTF_8));
            exchange.close();
        });
        slow.start();
        try {
            UiServer ui = UiServer.start(new UiConfig(0, APP_SERVER, slow.getAddress().getPort()),
                    host -> List.of(InetAddress.getLoopbackAddress()),
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            CompletableFuture<HttpResponse<String>> inFlight = http.sendAsync(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + ui.port() + "/api/getvotes")).timeout(Duration.ofSeconds(30))
                    .build(), HttpResponse.BodyHandlers.ofString());
            await().atMost(Duration.ofSeconds(10)).until(() -> seen.size() == 1);
            CompletableFuture<Void> drained = CompletableFuture.runAsync(() -> ui.drain(20));

            await("the drain waits for the request in flight").during(Duration.ofMillis(300))
                    .atMost(Duration.ofSeconds(5)).until(() -> !drained.isDone());
            answer.countDown();

            assertThat(inFlight.get(30, TimeUnit.SECONDS).body()).isEqualTo("ok");
            drained.get(30, TimeUnit.SECONDS);
            assertThatThrownBy(() -> get(ui, "/")).isInstanceOf(java.net.ConnectException.class);
        } finally {
            answer.countDown();
            slow.stop(0);
        }
    }

    @Test
    void environmentFollowsTheSampleThenUpstream() {
        assertThat(UiConfig.fromEnvironment(Map.of("APP_SERVER", APP_SERVER, "APP_SERVER_PORT", "4567")))
                .isEqualTo(new UiConfig(80, APP_SERVER, 4567));
        assertThat(UiConfig.fromEnvironment(Map.of("YELB_APPSERVER_ENDPOINT", "http://appserver.local:8080",
                "UI_PORT", "8081"))).isEqualTo(new UiConfig(8081, "appserver.local", 8080));
        assertThat(UiConfig.fromEnvironment(Map.of())).isEqualTo(new UiConfig(80, "yelb-appserver", 4567));
        assertThatThrownBy(() -> UiConfig.fromEnvironment(Map.of("APP_SERVER", "x", "APP_SERVER_PORT", "http")))
                .hasMessageContaining("APP_SERVER_PORT must be a number");
    }

    private UiServer start(Resolver resolver) throws IOException {
        return UiServer.start(new UiConfig(0, APP_SERVER, appServer.getAddress().getPort()), resolver,
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    }

    private HttpResponse<String> get(UiServer ui, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ui.port() + path))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
