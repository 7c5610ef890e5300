package dev.mooring.samples.yelb.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Debian's Chromium, headless, driven over the DevTools protocol (a WebSocket, the JDK's client; JSON with
 * Jackson): it opens one page and lets a test evaluate JavaScript in it and click on it like a user.
 */
final class HeadlessChromium implements AutoCloseable {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final ObjectMapper json = new ObjectMapper();
    private final Process process;
    private final Path profile;
    private final WebSocket page;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();

    private HeadlessChromium(Process process, Path profile, String pageWebSocket) {
        this.process = process;
        this.profile = profile;
        this.page = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(TIMEOUT)
                .buildAsync(URI.create(pageWebSocket), new Listener()).orTimeout(30, TimeUnit.SECONDS).join();
    }

    /** Starts Chromium on {@code url} (loopback only: every host name resolution is refused). */
    static HeadlessChromium open(String url, int width, int height) throws Exception {
        assertThat(CHROMIUM).as("Debian's chromium (apt-get install chromium; scripts/test-tools.sh installs it)")
                .isExecutable();
        Path profile = Files.createTempDirectory("yelb-chromium");
        Process process = new ProcessBuilder(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--remote-debugging-port=0", "--user-data-dir=" + profile, "--window-size=" + width + "," + height,
                "--no-first-run", "--no-default-browser-check", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-extensions", "--disable-default-apps",
                "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1", url)
                .redirectErrorStream(true).redirectOutput(profile.resolve("chromium.log").toFile()).start();
        try {
            Path portFile = profile.resolve("DevToolsActivePort");
            await("Chromium's DevTools port (" + profile.resolve("chromium.log") + ")").atMost(TIMEOUT)
                    .until(() -> Files.isRegularFile(portFile) && Files.readAllLines(portFile).size() >= 2);
            int port = Integer.parseInt(Files.readAllLines(portFile).getFirst().strip());
            String pageSocket = await("Chromium's page target").atMost(TIMEOUT).ignoreExceptions()
                    .until(() -> pageWebSocket(port), s -> s != null);
            return new HeadlessChromium(process, profile, pageSocket);
        } catch (RuntimeException | Error e) {
            process.destroyForcibly();
            throw e;
        }
    }

    private static String pageWebSocket(int port) throws Exception {
        HttpResponse<String> targets = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/json/list")).timeout(TIMEOUT).build(),
                HttpResponse.BodyHandlers.ofString());
        for (JsonNode target : new ObjectMapper().readTree(targets.body())) {
            if (target.path("type").asText().equals("page")) {
                return target.path("webSocketDebuggerUrl").asText();
            }
        }
        return null;
    }

    /** The value of a JavaScript expression in the page (promises awaited); null when it is undefined. */
    JsonNode evaluate(String expression) {
        JsonNode result = call("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true,
                "awaitPromise", true));
        if (result.has("exceptionDetails")) {
            throw new IllegalStateException("'" + expression + "' threw: " + result.get("exceptionDetails"));
        }
        return result.path("result").get("value");
    }

    /** Clicks in the middle of the element a CSS selector finds, with the mouse, as a user does. */
    void click(String selector) {
        JsonNode box = evaluate("(() => { const r = document.querySelector(" + quote(selector)
                + ").getBoundingClientRect(); return {x: r.x + r.width / 2, y: r.y + r.height / 2}; })()");
        for (String type : List.of("mouseMoved", "mousePressed", "mouseReleased")) {
            call("Input.dispatchMouseEvent", Map.of("type", type, "x", box.get("x").asDouble(),
                    "y", box.get("y").asDouble(), "button", "left", "clickCount", 1));
        }
    }

    /** The page as a PNG. */
    byte[] screenshot() throws IOException {
        return call("Page.captureScreenshot", Map.of("format", "png")).path("data").binaryValue();
    }

    private String quote(String text) {
        try {
            return json.writeValueAsString(text);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private JsonNode call(String method, Map<String, Object> params) {
        int id = ids.incrementAndGet();
        ObjectNode message = json.createObjectNode().put("id", id).put("method", method);
        message.set("params", json.valueToTree(params));
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        page.sendText(message.toString(), true).orTimeout(30, TimeUnit.SECONDS).join();
        JsonNode reply = answer.orTimeout(30, TimeUnit.SECONDS).join();
        if (reply.has("error")) {
            throw new IllegalStateException(method + " failed: " + reply.get("error"));
        }
        return reply.path("result");
    }

    String log() throws IOException {
        return Files.readString(profile.resolve("chromium.log"));
    }

    @Override
    public void close() throws Exception {
        page.abort();
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    JsonNode message = json.readTree(partial.toString());
                    CompletableFuture<JsonNode> answer = message.has("id")
                            ? pending.remove(message.get("id").asInt()) : null;
                    if (answer != null) {
                        answer.complete(message);
                    }
                } catch (IOException e) {
                    pending.values().forEach(f -> f.completeExceptionally(e));
                } finally {
                    partial.setLength(0);
                }
            }
            socket.request(1);
            return null;
        }
    }
}
