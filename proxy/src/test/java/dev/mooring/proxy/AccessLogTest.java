package dev.mooring.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class AccessLogTest extends ProxyTestBase {
    private final ConcurrentLinkedQueue<String> lines = new ConcurrentLinkedQueue<>();

    @Test
    void textLinesFollowServiceConnectsDefaultFormatWithoutTheQueryString() throws Exception {
        HttpBackend a = okBackend("a");
        Proxy proxy = start(Protocol.HTTP, List.of(a.endpoint()), c -> c,
                l -> l.withAccessLog(new AccessLog(AccessLog.Format.TEXT, false, lines::add)));
        client.send(HttpRequest.newBuilder(uri(proxy, "/items/7?token=secret")).header("user-agent", "test-agent")
                .header("x-request-id", "req-1").header("x-forwarded-for", "10.0.0.1").build(), HttpResponse.BodyHandlers.ofString());
        await().until(() -> !lines.isEmpty());
        String line = lines.peek();
        String upstream = a.address().getHostString() + ":" + a.address().getPort();
        InetSocketAddress p = proxy.boundAddress("ingress");
        assertThat(line).matches("\\[\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z] \"GET /items/7 HTTP/1\\.1\" 200 0 "
                + ("a /items/7?token=secret".length()) + " \\d+ \\d+ \"10\\.0\\.0\\.1\" \"test-agent\" \"req-1\" \""
                + java.util.regex.Pattern.quote(p.getHostString() + ":" + p.getPort()) + "\" \""
                + java.util.regex.Pattern.quote(upstream) + "\"");
        assertThat(line).doesNotContain("secret");
    }

    @Test
    void jsonLinesKeepTheQueryStringWhenAskedTo() throws Exception {
        HttpBackend a = okBackend("a");
        Proxy proxy = start(Protocol.HTTP, List.of(a.endpoint()), c -> c,
                l -> l.withAccessLog(new AccessLog(AccessLog.Format.JSON, true, lines::add)));
        get(proxy, "/items?page=2");
        await().until(() -> !lines.isEmpty());
        JsonNode json = new ObjectMapper().readTree(lines.peek());
        assertThat(json.get("method").asText()).isEqualTo("GET");
        assertThat(json.get("path").asText()).isEqualTo("/items?page=2");
        assertThat(json.get("protocol").asText()).isEqualTo("HTTP/1.1");
        assertThat(json.get("response_code").asInt()).isEqualTo(200);
        assertThat(json.get("bytes_sent").asLong()).isEqualTo("a /items?page=2".length());
        assertThat(json.get("upstream_host").asText()).isEqualTo(a.address().getHostString() + ":" + a.address().getPort());
        assertThat(json.get("upstream_service_time").isNumber()).isTrue();
        assertThat(json.get("start_time").asText()).endsWith("Z");
    }

    @Test
    void jsonLinesStripTheQueryStringUnlessEnabledAndTextLinesKeepItWhenEnabled() throws Exception {
        HttpBackend a = okBackend("a");
        Proxy json = start(Protocol.HTTP, List.of(a.endpoint()), c -> c,
                l -> l.withAccessLog(new AccessLog(AccessLog.Format.JSON, false, lines::add)));
        get(json, "/items?token=secret");
        await().until(() -> !lines.isEmpty());
        String line = lines.poll();
        assertThat(new ObjectMapper().readTree(line).get("path").asText()).isEqualTo("/items");
        assertThat(line).doesNotContain("secret");

        HttpBackend b = okBackend("b");
        Proxy text = start(Protocol.HTTP, List.of(b.endpoint()), c -> c,
                l -> l.withAccessLog(new AccessLog(AccessLog.Format.TEXT, true, lines::add)));
        get(text, "/items?page=2");
        await().until(() -> !lines.isEmpty());
        assertThat(lines.poll()).contains("\"GET /items?page=2 HTTP/1.1\" 200 ");
    }

    @Test
    void tcpSessionsAreLoggedToo() throws Exception {
        HttpBackend a = okBackend("a");   // any listening socket will do for a TCP session
        Proxy proxy = start(Protocol.TCP, List.of(a.endpoint()), c -> c,
                l -> l.withAccessLog(new AccessLog(AccessLog.Format.TEXT, false, lines::add)));
        InetSocketAddress p = proxy.boundAddress("ingress");
        try (Socket s = new Socket(p.getAddress(), p.getPort())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write("GET / HTTP/1.1\r\nhost: a\r\n\r\n".getBytes());
            assertThat(s.getInputStream().read()).isEqualTo('H');
        }
        await().until(() -> !lines.isEmpty());
        assertThat(lines.peek()).matches("\\[[^]]+] \"- - -\" 0 \\d+ \\d+ \\d+ - \"-\" \"-\" \"-\" \"-\" \"[0-9.:]+\"");
    }
}
