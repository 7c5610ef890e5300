package dev.mooring.proxy;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class HttpProxyTest extends ProxyTestBase {

    @Test
    void roundRobinSpreadsRequestsEvenlyAcrossThreeHosts() throws Exception {
        HttpBackend a = okBackend("a"), b = okBackend("b"), c = okBackend("c");
        Proxy proxy = start(Protocol.HTTP, List.of(a.endpoint(), b.endpoint(), c.endpoint()));
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < 30; i++) {
            HttpResponse<String> r = get(proxy, "/rr");
            assertThat(r.statusCode()).isEqualTo(200);
            seen.merge(r.headers().firstValue("x-backend").orElseThrow(), 1, Integer::sum);
        }
        assertThat(seen).containsExactlyInAnyOrderEntriesOf(Map.of("a", 10, "b", 10, "c", 10));
    }

    @Test
    void ingressResponsesCarryUpstreamServiceTime() throws Exception {
        HttpBackend a = okBackend("a");
        Proxy proxy = start(Protocol.HTTP, List.of(a.endpoint()));
        HttpResponse<String> r = get(proxy, "/x?y=1");
        assertThat(r.body()).isEqualTo("a /x?y=1");
        assertThat(r.headers().firstValue("x-envoy-upstream-service-time")).get().matches(v -> v.matches("\\d+"));
    }

    @Test
    void envoySaysServerEnvoyOnEveryResponseAndAnAlbOnlyOnItsOwn() throws Exception {
        HttpBackend app = backend("app", (b, ctx, req) -> {
            var r = b.response(HttpResponseStatus.OK, "hi");
            r.headers().set("server", "gunicorn");
            ctx.writeAndFlush(r);
            req.release();
        });
        Endpoint dead = Endpoint.of("dead", refusingAddress());
        Proxy envoy = start(Protocol.HTTP, List.of(app.endpoint()));
        assertThat(get(envoy, "/").headers().firstValue("server")).hasValue("envoy");
        Proxy envoyFailing = start(Protocol.HTTP, List.of(dead), c -> c.withRetry(RetryPolicy.NONE), l -> l);
        HttpResponse<String> failed = get(envoyFailing, "/");
        assertThat(failed.statusCode()).isEqualTo(503);
        assertThat(failed.headers().firstValue("server")).hasValue("envoy");

        Proxy alb = start(Protocol.HTTP, List.of(app.endpoint()), c -> c, l -> l.withIdentity(ProxyIdentity.ALB));
        HttpResponse<String> passed = get(alb, "/");
        assertThat(passed.headers().firstValue("server")).hasValue("gunicorn");
        assertThat(passed.headers().firstValue("x-envoy-upstream-service-time")).isEmpty();
        Proxy albFailing = start(Protocol.HTTP, List.of(dead), c -> c.withRetry(RetryPolicy.NONE)
                .withFailureStatuses(502, 504), l -> l.withIdentity(ProxyIdentity.ALB));
        HttpResponse<String> bad = get(albFailing, "/");
        assertThat(bad.statusCode()).isEqualTo(502);
        assertThat(bad.headers().firstValue("server")).hasValue("awselb/2.0");
    }

    @Test
    void envoyGivesARequestWithoutAnIdOneAndAnAlbSaysWhoForwardedIt() throws Exception {
        List<io.netty.handler.codec.http.HttpHeaders> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        HttpBackend app = backend("app", (b, ctx, req) -> {
            seen.add(req.headers().copy());
            ctx.writeAndFlush(b.response(HttpResponseStatus.OK, "ok"));
            req.release();
        });
        Proxy envoy = start(Protocol.HTTP, List.of(app.endpoint()));
        get(envoy, "/");
        client.send(HttpRequest.newBuilder(uri(envoy, "/")).header("x-request-id", "mine").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(seen.get(0).get("x-request-id"))
                .matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(seen.get(1).get("x-request-id")).as("an id the request brings is kept").isEqualTo("mine");
        assertThat(seen.get(0).contains("x-forwarded-for")).isFalse();

        seen.clear();
        Proxy alb = start(Protocol.HTTP, List.of(app.endpoint()), c -> c, l -> l.withIdentity(ProxyIdentity.ALB));
        get(alb, "/");
        client.send(HttpRequest.newBuilder(uri(alb, "/")).header("x-forwarded-for", "203.0.113.9")
                .header("x-amzn-trace-id", "Root=1-5759e988-bd862e3fe1be46a994272793").build(),
                HttpResponse.BodyHandlers.ofString());
        int port = alb.boundAddress("ingress").getPort();
        // the client connects from lo's primary address, whichever 127.0.0.x it dials
        assertThat(seen.get(0).get("x-forwarded-for")).isEqualTo("127.0.0.1");
        assertThat(seen.get(0).get("x-forwarded-proto")).isEqualTo("http");
        assertThat(seen.get(0).get("x-forwarded-port")).isEqualTo(String.valueOf(port));
        assertThat(seen.get(0).get("x-amzn-trace-id")).matches("Root=1-[0-9a-f]{8}-[0-9a-f]{24}");
        assertThat(seen.get(0).contains("x-request-id")).isFalse();
        assertThat(seen.get(1).get("x-forwarded-for")).isEqualTo("203.0.113.9, 127.0.0.1");
        assertThat(seen.get(1).get("x-amzn-trace-id")).isEqualTo("Root=1-5759e988-bd862e3fe1be46a994272793");
    }

    @Test
    void retryLandsOnAnotherHostWhenOneRefusesConnections() throws Exception {
        HttpBackend good = okBackend("good");
        Proxy proxy = start(Protocol.HTTP, List.of(Endpoint.of("dead", refusingAddress()), good.endpoint()),
                c -> c.withOutlierDetection(new OutlierDetection(1000, Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofSeconds(300))),
                l -> l);
        for (int i = 0; i < 10; i++) assertThat(get(proxy, "/").statusCode()).isEqualTo(200);
        assertThat(good.requests).hasValue(10);
        await().untilAsserted(() -> assertThat(observer.exchanges()).hasSize(10));
        assertThat(observer.exchanges()).allSatisfy(x -> assertThat(x.endpoint().id()).isEqualTo("good"));
        assertThat(observer.exchanges()).extracting(Exchange::attempts).contains(2);   // the dead host was tried
    }

    @Test
    void aSpentRetryBudgetPassesTheFailureOnInsteadOfRetrying() throws Exception {
        HttpBackend good = okBackend("good");
        OutlierDetection neverEject = new OutlierDetection(1000, Duration.ofSeconds(30), Duration.ofSeconds(30),
                Duration.ofSeconds(300));
        // a budget of nothing: no request may retry, so every turn of the dead host reaches the client
        Proxy proxy = start(Protocol.HTTP, List.of(Endpoint.of("dead", refusingAddress()), good.endpoint()),
                c -> c.withOutlierDetection(neverEject).withRetry(new RetryPolicy(2, RetryPolicy.AWS_DEFAULT.retryOn(),
                        new RetryBudget(0, 0))), l -> l);
        Map<Integer, Integer> codes = new HashMap<>();
        for (int i = 0; i < 10; i++) codes.merge(get(proxy, "/").statusCode(), 1, Integer::sum);
        assertThat(codes).isEqualTo(Map.of(200, 5, 503, 5));
        await().untilAsserted(() -> assertThat(observer.exchanges()).hasSize(10));
        assertThat(observer.exchanges()).extracting(Exchange::attempts).containsOnly(1);
    }

    @Test
    void aRetryGivesItsBudgetSlotBackWhenItsRequestEnds() throws Exception {
        HttpBackend good = okBackend("good");
        OutlierDetection neverEject = new OutlierDetection(1000, Duration.ofSeconds(30), Duration.ofSeconds(30),
                Duration.ofSeconds(300));
        // one retry in flight at a time: one request after another, every one that meets the dead host still retries
        Proxy proxy = start(Protocol.HTTP, List.of(Endpoint.of("dead", refusingAddress()), good.endpoint()),
                c -> c.withOutlierDetection(neverEject).withRetry(new RetryPolicy(2, RetryPolicy.AWS_DEFAULT.retryOn(),
                        new RetryBudget(0, 1))), l -> l);
        for (int i = 0; i < 10; i++) assertThat(get(proxy, "/").statusCode()).isEqualTo(200);
        assertThat(good.requests).hasValue(10);
    }

    @Test
    void theExchangeTellsATargetsAnswerFromTheProxysOwn() throws Exception {
        // what the metrics count on: upstreamNanos > 0 only when a target's response came back
        HttpBackend failing = backend("failing", (b, ctx, req) -> {
            req.release();
            ctx.writeAndFlush(b.response(HttpResponseStatus.INTERNAL_SERVER_ERROR, "boom"));
        });
        Proxy proxy = start(Protocol.HTTP, List.of(failing.endpoint()));
        assertThat(get(proxy, "/").statusCode()).isEqualTo(500);
        await().untilAsserted(() -> assertThat(observer.exchanges()).singleElement().satisfies(x -> {
            assertThat(x.status()).isEqualTo(500);
            assertThat(x.upstreamNanos()).isPositive();
            assertThat(x.endpoint().id()).isEqualTo("failing");
            assertThat(x.bytesSent()).isEqualTo(4);
        }));
        observer.reset();
        proxy.updateHostSet(new HostSet("backend", List.of()));
        assertThat(get(proxy, "/").statusCode()).isEqualTo(503);
        await().untilAsserted(() -> assertThat(observer.exchanges()).singleElement().satisfies(x -> {
            assertThat(x.status()).isEqualTo(503);
            assertThat(x.upstreamNanos()).isZero();
            assertThat(x.endpoint()).isNull();
        }));
    }

    @Test
    void connectFailuresOnEveryHostAnswer503AfterTwoRetries() throws Exception {
        Proxy proxy = start(Protocol.HTTP, List.of(Endpoint.of("d1", refusingAddress()), Endpoint.of("d2", refusingAddress()),
                Endpoint.of("d3", refusingAddress()), Endpoint.of("d4", refusingAddress())));
        HttpResponse<String> r = get(proxy, "/");
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.body()).contains("connection failure");
        await().untilAsserted(() -> assertThat(observer.exchanges()).singleElement()
                .satisfies(x -> assertThat(x.attempts()).isEqualTo(3)));
    }

    @Test
    void aConnectTimeoutAnswersTheClustersTimeoutStatus() throws Exception {
        Endpoint silent = Endpoint.of("silent", silentAddress());
        Proxy envoy = start(Protocol.HTTP, List.of(silent), c -> c.withRetry(RetryPolicy.NONE)
                .withConnectTimeout(Duration.ofMillis(300)), l -> l);
        HttpResponse<String> r = get(envoy, "/");
        assertThat(r.statusCode()).as("Envoy's 503").isEqualTo(503);
        assertThat(r.body()).contains("connection timeout");

        Proxy alb = start(Protocol.HTTP, List.of(silent), c -> c.withRetry(RetryPolicy.NONE)
                .withConnectTimeout(Duration.ofMillis(300)).withFailureStatuses(502, 504), l -> l);
        assertThat(get(alb, "/").statusCode()).as("an ALB's 504").isEqualTo(504);
        Proxy refused = start(Protocol.HTTP, List.of(Endpoint.of("dead", refusingAddress())),
                c -> c.withRetry(RetryPolicy.NONE).withFailureStatuses(502, 504), l -> l);
        assertThat(get(refused, "/").statusCode()).as("a refused connection stays 502").isEqualTo(502);
    }

    @Test
    void noRetryAfterPartOfTheResponseReachedTheClient() throws Exception {
        HttpBackend partial = backend("partial", (b, ctx, req) -> {
            req.release();
            DefaultHttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
            head.headers().setInt("content-length", 100);
            ctx.write(head);
            ctx.writeAndFlush(new DefaultHttpContent(Unpooled.copiedBuffer("0123456789", StandardCharsets.US_ASCII)))
                    .addListener(ChannelFutureListener.CLOSE);
        });
        HttpBackend good = okBackend("good");
        Proxy proxy = start(Protocol.HTTP, List.of(partial.endpoint(), good.endpoint()));
        assertThatThrownBy(() -> get(proxy, "/once")).isInstanceOf(java.io.IOException.class);
        await().untilAsserted(() -> assertThat(observer.exchanges()).hasSize(1));
        assertThat(partial.requests).hasValue(1);
        assertThat(good.requests).hasValue(0);
        assertThat(observer.exchanges().getFirst().attempts()).isEqualTo(1);
    }

    @Test
    void a503IsRetriedOnAnotherHost() throws Exception {
        HttpBackend busy = backend("busy", (b, ctx, req) -> {
            req.release();
            ctx.writeAndFlush(b.response(HttpResponseStatus.SERVICE_UNAVAILABLE, "busy"));
        });
        HttpBackend good = okBackend("good");
        Proxy proxy = start(Protocol.HTTP, List.of(busy.endpoint(), good.endpoint()),
                c -> c.withOutlierDetection(new OutlierDetection(1000, Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofSeconds(300))),
                l -> l);
        for (int i = 0; i < 10; i++) {
            HttpResponse<String> r = get(proxy, "/");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("x-backend")).contains("good");
        }
        assertThat(good.requests).hasValue(10);
        await().untilAsserted(() -> assertThat(observer.exchanges()).hasSize(10));
        long retried = observer.exchanges().stream().filter(x -> x.attempts() == 2).count();
        assertThat(retried).isPositive().isEqualTo(busy.requests.get());
        assertThat(observer.exchanges()).allSatisfy(x -> assertThat(x.endpoint().id()).isEqualTo("good"));
    }

    @Test
    void a503IsPassedOnWhenRetriesAreOff() throws Exception {
        HttpBackend busy = backend("busy", (b, ctx, req) -> {
            req.release();
            ctx.writeAndFlush(b.response(HttpResponseStatus.SERVICE_UNAVAILABLE, "busy"));
        });
        HttpBackend good = okBackend("good");
        Proxy proxy = start(Protocol.HTTP, List.of(busy.endpoint(), good.endpoint()), c -> c.withRetry(RetryPolicy.NONE), l -> l);
        assertThat(get(proxy, "/").statusCode()).isEqualTo(503);
        assertThat(good.requests).hasValue(0);
    }

    @Test
    void fiveFailuresEjectAHostUntilItsEjectionTimeEnds() throws Exception {
        HttpBackend bad = backend("bad", (b, ctx, req) -> {
            req.release();
            ctx.writeAndFlush(b.response(HttpResponseStatus.INTERNAL_SERVER_ERROR, "bad"));
        });
        HttpBackend good = okBackend("good");
        Proxy proxy = start(Protocol.HTTP, List.of(bad.endpoint(), good.endpoint()),
                c -> c.withOutlierDetection(new OutlierDetection(5, Duration.ofSeconds(30), Duration.ofMillis(700), Duration.ofSeconds(5))),
                l -> l);
        for (int i = 0; i < 10; i++) get(proxy, "/");
        assertThat(bad.requests).hasValue(5);
        ProxyStatus.HostStatus badStatus = hostStatus(proxy, "bad");
        assertThat(badStatus.ejectedUntil()).isNotNull();
        assertThat(badStatus.ejections()).isEqualTo(1);
        for (int i = 0; i < 6; i++) assertThat(get(proxy, "/").statusCode()).isEqualTo(200);
        assertThat(bad.requests).hasValue(5);
        await().atMost(Duration.ofSeconds(5)).until(() -> hostStatus(proxy, "bad").ejectedUntil() == null);
        for (int i = 0; i < 4; i++) get(proxy, "/");
        assertThat(bad.requests.get()).isGreaterThan(5);
    }

    @Test
    void theLastHostIsNeverEjected() throws Exception {
        HttpBackend bad = backend("bad", (b, ctx, req) -> {
            req.release();
            ctx.writeAndFlush(b.response(HttpResponseStatus.INTERNAL_SERVER_ERROR, "bad"));
        });
        Proxy proxy = start(Protocol.HTTP, List.of(bad.endpoint()));
        for (int i = 0; i < 20; i++) assertThat(get(proxy, "/").statusCode()).isEqualTo(500);
        assertThat(bad.requests).hasValue(20);
        assertThat(hostStatus(proxy, "bad").ejectedUntil()).isNull();
    }

    @Test
    void aSlowUpstreamGets504AtThePerRequestTimeout() throws Exception {
        HttpBackend silent = backend("silent", (b, ctx, req) -> req.release());
        Proxy proxy = start(Protocol.HTTP, List.of(silent.endpoint()), c -> c,
                l -> l.withTimeouts(new TimeoutPolicy(Duration.ofMillis(300), Duration.ofSeconds(60))));
        HttpResponse<String> r = get(proxy, "/slow");
        assertThat(r.statusCode()).isEqualTo(504);
        assertThat(r.body()).isEqualTo("upstream request timeout");
        await().untilAsserted(() -> assertThat(observer.exchanges()).singleElement()
                .satisfies(x -> assertThat(x.status()).isEqualTo(504)));
    }

    @Test
    void theTimeoutAppliesToEachRequestOfAKeepAliveConnection() throws Exception {
        HttpBackend mixed = backend("mixed", (b, ctx, req) -> {
            if (req.uri().equals("/fast")) ctx.writeAndFlush(b.response(HttpResponseStatus.OK, "fast"));
            req.release();
        });
        Proxy proxy = start(Protocol.HTTP, List.of(mixed.endpoint()), c -> c,
                l -> l.withTimeouts(new TimeoutPolicy(Duration.ofMillis(400), Duration.ofSeconds(60))));
        for (int i = 0; i < 3; i++) assertThat(get(proxy, "/fast").statusCode()).isEqualTo(200);
        assertThat(get(proxy, "/slow").statusCode()).isEqualTo(504);
        assertThat(get(proxy, "/fast").statusCode()).isEqualTo(200);
        assertThat(observer.opened.get()).isLessThanOrEqualTo(2);    // the 504 keeps the client connection
    }

    @Test
    void noHostAnswers503() throws Exception {
        Proxy proxy = start(Protocol.HTTP, List.of());
        HttpResponse<String> r = get(proxy, "/");
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.body()).isEqualTo("no healthy upstream");
    }

    @Test
    void anIdleConnectionIsClosedAtTheIdleTimeout() throws Exception {
        HttpBackend a = okBackend("a");
        Proxy proxy = start(Protocol.HTTP, List.of(a.endpoint()), c -> c,
                l -> l.withTimeouts(new TimeoutPolicy(Duration.ofSeconds(15), Duration.ofMillis(300))));
        try (var s = new java.net.Socket(proxy.boundAddress("ingress").getAddress(), proxy.boundAddress("ingress").getPort())) {
            s.setSoTimeout(10_000);
            assertThat(s.getInputStream().read()).isEqualTo(-1);
        }
        await().untilAsserted(() -> assertThat(observer.closed).hasValue(1));
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrder() throws Exception {
        HttpBackend a = okBackend("a");
        Proxy proxy = start(Protocol.HTTP, List.of(a.endpoint()));
        try (var s = new java.net.Socket(proxy.boundAddress("ingress").getAddress(), proxy.boundAddress("ingress").getPort())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(("GET /1 HTTP/1.1\r\nHost: a\r\n\r\nGET /2 HTTP/1.1\r\nHost: a\r\n\r\n"
                    + "GET /3 HTTP/1.1\r\nHost: a\r\nconnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String answers = new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            assertThat(answers).containsSubsequence("a /1", "a /2", "a /3");
            assertThat(answers.split("HTTP/1.1 200 OK", -1)).hasSize(4);
        }
        assertThat(a.requests).hasValue(3);
    }

    @Test
    void anIdleTimeoutShorterThanThePerRequestTimeoutClosesTheConnectionFirst() throws Exception {
        HttpBackend silent = backend("silent", (b, ctx, req) -> req.release());
        Proxy proxy = start(Protocol.HTTP, List.of(silent.endpoint()), c -> c,
                l -> l.withTimeouts(new TimeoutPolicy(Duration.ofSeconds(30), Duration.ofMillis(300))));
        try (var s = new java.net.Socket(proxy.boundAddress("ingress").getAddress(), proxy.boundAddress("ingress").getPort())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write("GET /waits HTTP/1.1\r\nHost: a\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(s.getInputStream().read()).isEqualTo(-1);    // closed, no 504
        }
        await().untilAsserted(() -> assertThat(observer.exchanges()).singleElement()
                .satisfies(x -> assertThat(x.status()).isZero()));
        assertThat(proxy.status().inFlight()).isZero();
    }

    @Test
    void http10IsRefused() throws Exception {
        HttpBackend a = okBackend("a");
        Proxy proxy = start(Protocol.HTTP, List.of(a.endpoint()));
        try (var s = new java.net.Socket(proxy.boundAddress("ingress").getAddress(), proxy.boundAddress("ingress").getPort())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write("GET / HTTP/1.0\r\nHost: a\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            assertThat(answer).startsWith("HTTP/1.1 505");
        }
        assertThat(a.requests).hasValue(0);
    }

    @Test
    void theObserverGetsExactCountsForAKnownRequestMix() throws Exception {
        HttpBackend a = backend("a", (b, ctx, req) -> {
            HttpResponseStatus st = req.uri().startsWith("/missing") ? HttpResponseStatus.NOT_FOUND : HttpResponseStatus.OK;
            String body = "x".repeat(req.content().readableBytes() + 10);
            req.release();
            ctx.writeAndFlush(b.response(st, body));
        });
        Proxy proxy = start(Protocol.HTTP, List.of(a.endpoint()));
        for (int i = 0; i < 5; i++) assertThat(get(proxy, "/ok?i=" + i).statusCode()).isEqualTo(200);
        for (int i = 0; i < 2; i++) {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(uri(proxy, "/missing"))
                    .POST(HttpRequest.BodyPublishers.ofString("y".repeat(100))).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(404);
        }
        client.close();
        await().untilAsserted(() -> {
            assertThat(observer.exchanges()).hasSize(7);
            assertThat(observer.closed).hasValue(observer.opened.get());
        });
        List<Exchange> xs = observer.exchanges();
        assertThat(observer.opened).hasValue(1);
        assertThat(xs).filteredOn(x -> x.status() == 200).hasSize(5)
                .allSatisfy(x -> {
                    assertThat(x.method()).isEqualTo("GET");
                    assertThat(x.path()).isEqualTo("/ok");
                    assertThat(x.bytesReceived()).isZero();
                    assertThat(x.bytesSent()).isEqualTo(10);
                });
        assertThat(xs).filteredOn(x -> x.status() == 404).hasSize(2)
                .allSatisfy(x -> {
                    assertThat(x.method()).isEqualTo("POST");
                    assertThat(x.bytesReceived()).isEqualTo(100);
                    assertThat(x.bytesSent()).isEqualTo(110);
                    assertThat(x.attempts()).isEqualTo(1);
                    assertThat(x.protocol()).isEqualTo(Protocol.HTTP);
                    assertThat(x.cluster()).isEqualTo("backend");
                    assertThat(x.endpoint().id()).isEqualTo("a");
                });
        assertThat(proxy.status().inFlight()).isZero();
    }

    @Test
    void leastRequestPrefersTheLessBusyHost() throws Exception {
        java.util.concurrent.CopyOnWriteArrayList<Runnable> parked = new java.util.concurrent.CopyOnWriteArrayList<>();
        HttpBackend slow = backend("slow", (b, ctx, req) -> {
            req.release();
            parked.add(() -> ctx.writeAndFlush(b.response(HttpResponseStatus.OK, "late")));
        });
        HttpBackend fast = okBackend("fast");
        Proxy proxy = start(Protocol.HTTP, List.of(slow.endpoint(), fast.endpoint()),
                c -> c.withLoadBalancer(LoadBalancerPolicy.LEAST_REQUEST), l -> l);
        var pending = new java.util.ArrayList<java.util.concurrent.CompletableFuture<HttpResponse<String>>>();
        // until one request is held on the slow host (ties go either way)
        while (slow.requests.get() < 1) {
            pending.add(client.sendAsync(HttpRequest.newBuilder(uri(proxy, "/")).build(), HttpResponse.BodyHandlers.ofString()));
            await().until(() -> slow.requests.get() + fast.requests.get() >= pending.size());
        }
        int before = slow.requests.get();
        for (int i = 0; i < 20; i++) assertThat(get(proxy, "/").statusCode()).isEqualTo(200);
        assertThat(slow.requests.get()).isEqualTo(before);    // two choices always include the idle fast host
        parked.forEach(Runnable::run);
        for (var f : pending) assertThat(f.get().statusCode()).isEqualTo(200);
    }

    @Test
    void hostSetUpdatesTakeEffectForNewRequests() throws Exception {
        HttpBackend a = okBackend("a"), b = okBackend("b");
        Proxy proxy = start(Protocol.HTTP, List.of(a.endpoint()));
        assertThat(get(proxy, "/").headers().firstValue("x-backend")).contains("a");
        proxy.updateHostSet(new HostSet("backend", List.of(b.endpoint())));
        for (int i = 0; i < 3; i++) assertThat(get(proxy, "/").headers().firstValue("x-backend")).contains("b");
        assertThat(proxy.status().clusters().getFirst().hosts()).extracting(h -> h.endpoint().id()).isEqualTo(List.of("b"));
        assertThat(Set.of(a.requests.get(), b.requests.get())).containsExactlyInAnyOrder(1, 3);
    }

    static ProxyStatus.HostStatus hostStatus(Proxy proxy, String id) {
        return proxy.status().clusters().getFirst().hosts().stream().filter(h -> h.endpoint().id().equals(id)).findFirst().orElseThrow();
    }
}
