package dev.mooring.samples.yelb.appserver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mooring.samples.yelb.YelbBackends;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The app server against a real PostgreSQL and Redis: sample-app.md §11.2, response by response. */
class AppServerTest {
    private static final String CORS_HEADERS = "Authorization,Accepts,Content-Type,X-CSRF-Token,X-Requested-With";
    private static final String CORS_METHODS = "GET,POST,PUT,DELETE,OPTIONS";

    private static YelbBackends backends;
    private static AppServer server;
    private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() throws Exception {
        backends = YelbBackends.start();
        server = AppServer.start(new AppServerConfig(0, "127.0.0.1", backends.postgresPort, "127.0.0.1",
                backends.redisPort, AppServerConfig.DEFAULT_MAX_CONCURRENT_REQUESTS), loopback());
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (backends != null) {
            backends.close();
        }
    }

    @BeforeEach
    void freshBackends() throws Exception {
        backends.reset();
    }

    @Test
    void getvotesRendersTheFourCountsExactlyAsUpstream() throws Exception {
        backends.sql("UPDATE restaurants SET count = 7 WHERE name = 'ihop'");
        backends.sql("UPDATE restaurants SET count = 12 WHERE name = 'bucadibeppo'");

        HttpResponse<String> r = get(server, "/api/getvotes");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("[{\"name\": \"outback\", \"value\": 0},{\"name\": \"bucadibeppo\", \"value\": 12},"
                + "{\"name\": \"ihop\", \"value\": 7}, {\"name\": \"chipotle\", \"value\": 0}]");
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
        assertCors(r);
    }

    @ParameterizedTest
    @EnumSource(Restaurant.class)
    void aVoteAddsOneInTheDatabaseAndAnswersTheNewCount(Restaurant restaurant) throws Exception {
        HttpResponse<String> first = get(server, "/api/" + restaurant.key());
        HttpResponse<String> second = get(server, "/api/" + restaurant.key());

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).isEqualTo("1");
        assertThat(second.body()).isEqualTo("2");
        assertThat(second.headers().firstValue("Content-Type")).hasValue("text/html;charset=utf-8");
        assertCors(second);
        assertThat(backends.sql("SELECT count FROM restaurants WHERE name = '" + restaurant.key() + "'"))
                .isEqualTo("2");
        assertThat(backends.sql("SELECT sum(count) FROM restaurants")).isEqualTo("2");
        assertThat(get(server, "/api/getvotes").body()).contains("{\"name\": \"" + restaurant.key()
                + "\", \"value\": 2}");
    }

    @Test
    void pageviewsIncrementsTheRedisCounterAndAnswersItBare() throws Exception {
        HttpResponse<String> first = get(server, "/api/pageviews");
        HttpResponse<String> second = get(server, "/api/pageviews");

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).isEqualTo("1");
        assertThat(second.body()).isEqualTo("2");
        assertThat(second.headers().firstValue("Content-Type")).hasValue("application/json");
        assertCors(second);
        assertThat(backends.redisGet("pageviews")).isEqualTo("2");
    }

    @Test
    void getstatsCountsAPageViewAndNamesTheHost() throws Exception {
        get(server, "/api/pageviews");

        HttpResponse<String> r = get(server, "/api/getstats");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("{\"hostname\": \"" + kernelHostname() + "\", \"pageviews\":2}");
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
        assertCors(r);
        assertThat(backends.redisGet("pageviews")).isEqualTo("2");
    }

    @Test
    void hostnameIsTheBareUnquotedName() throws Exception {
        HttpResponse<String> r = get(server, "/api/hostname");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(kernelHostname());
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
        assertCors(r);
        assertThat(backends.redisGet("pageviews")).as("hostname touches no backend").isNull();
    }

    @Test
    void headAnswersLikeGetWithoutABody() throws Exception {
        HttpResponse<String> r = http.send(request(server, "/api/getvotes").method("HEAD",
                HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEmpty();
        assertThat(r.headers().firstValue("Content-Length"))
                .hasValue(Integer.toString(get(server, "/api/getvotes").body().length()));
    }

    @Test
    void unknownPathsAndMethodsAreSinatrasNotFound() throws Exception {
        for (HttpRequest request : new HttpRequest[] {
                request(server, "/api/tacobell").build(),
                request(server, "/api/getvotes/").build(),
                request(server, "/").build(),
                request(server, "/api/ihop").POST(HttpRequest.BodyPublishers.ofString("x")).build()}) {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(request.toString()).isEqualTo(404);
            assertThat(r.body()).isEqualTo("<h1>Not Found</h1>");
            assertThat(r.headers().firstValue("Content-Type")).hasValue("text/html;charset=utf-8");
            assertThat(r.headers().firstValue("X-Cascade")).hasValue("pass");
        }
        assertThat(backends.sql("SELECT sum(count) FROM restaurants")).as("a POST votes nothing").isEqualTo("0");
    }

    @Test
    void optionsFailsAsUpstreamsUndefinedConstantMakesIt() throws Exception {
        HttpResponse<String> r = http.send(request(server, "/api/getvotes").method("OPTIONS",
                HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(r.body()).isEqualTo("<h1>Internal Server Error</h1>");
        assertThat(r.headers().firstValue("Allow")).hasValue("HEAD,GET,PUT,DELETE,OPTIONS");
        assertThat(r.headers().firstValue("Access-Control-Allow-Headers"))
                .hasValue("X-Requested-With, X-HTTP-Method-Override, Content-Type, Cache-Control, Accept");
    }

    @Test
    void aDownBackendIsA500ForTheEndpointsThatNeedIt() throws Exception {
        int closed = YelbBackends.freePort(); // nothing listens there: a stopped yelb-db and yelb-redis
        try (AppServer orphan = AppServer.start(new AppServerConfig(0, "127.0.0.1", closed, "127.0.0.1", closed, 2),
                loopback())) {
            for (String path : new String[] {"/api/getvotes", "/api/ihop", "/api/pageviews", "/api/getstats"}) {
                HttpResponse<String> r = get(orphan, path);
                assertThat(r.statusCode()).as(path).isEqualTo(500);
                assertThat(r.body()).isEqualTo("<h1>Internal Server Error</h1>");
                assertThat(r.headers().firstValue("Content-Type")).hasValue("text/html;charset=utf-8");
                assertCors(r);
            }
            assertThat(get(orphan, "/api/hostname").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void redisDownWhileDatabaseUpFailsOnlyThePageViews() throws Exception {
        int closed = YelbBackends.freePort();
        try (AppServer noRedis = AppServer.start(new AppServerConfig(0, "127.0.0.1", backends.postgresPort,
                "127.0.0.1", closed, 2), loopback())) {
            assertThat(get(noRedis, "/api/pageviews").statusCode()).isEqualTo(500);
            assertThat(get(noRedis, "/api/getstats").statusCode()).isEqualTo(500);
            assertThat(get(noRedis, "/api/getvotes").statusCode()).isEqualTo(200);
            assertThat(get(noRedis, "/api/chipotle").body()).isEqualTo("1");
        }
    }

    private static void assertCors(HttpResponse<String> r) {
        assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
        assertThat(r.headers().firstValue("Access-Control-Allow-Headers")).hasValue(CORS_HEADERS);
        assertThat(r.headers().firstValue("Access-Control-Allow-Methods")).hasValue(CORS_METHODS);
    }

    private static String kernelHostname() throws IOException {
        return Files.readAllLines(Path.of("/proc/sys/kernel/hostname")).getFirst().strip();
    }

    static InetSocketAddress loopback() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    }

    private static HttpRequest.Builder request(AppServer target, String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + target.port() + path))
                .timeout(Duration.ofSeconds(30));
    }

    private static HttpResponse<String> get(AppServer target, String path) throws Exception {
        return http.send(request(target, path).build(), HttpResponse.BodyHandlers.ofString());
    }
}
