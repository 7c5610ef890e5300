package dev.mooring.control.cloudmap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mooring.api.ApiServer;
import dev.mooring.control.TestApi;
import dev.mooring.control.ControlPlane;
import dev.mooring.store.Store;
import dev.mooring.task.simulated.SimulatedRuntime;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/** A real server (store, control plane, HTTP) on an ephemeral port, and a raw-JSON Cloud Map client for it. */
final class CloudMapFixture implements AutoCloseable {
    static final String TARGET = "Route53AutoNaming_v20170314.";
    private static final ObjectMapper JSON = new ObjectMapper();

    record Reply(int status, String errorTypeHeader, String requestId, JsonNode body) {
        String code() {
            return body.path("__type").asText(null);
        }
    }

    private final Path dir;
    private Store store;
    private ControlPlane control;
    private ApiServer server;
    private final HttpClient http = HttpClient.newHttpClient();
    String region = "us-east-1";

    CloudMapFixture(Path dir) throws InterruptedException {
        this.dir = dir;
        start();
    }

    private void start() throws InterruptedException {
        store = Store.open(dir);
        control = new ControlPlane(store, new SimulatedRuntime(Clock.systemUTC(), Duration.ofMillis(10)),
                "123456789012", Clock.systemUTC());
        server = TestApi.start(control);
    }

    /** Stops everything and starts again on the same state directory. */
    void restart() throws InterruptedException {
        close();
        start();
    }

    CloudMapState state() {
        return control.cloudMap();
    }

    Store store() {
        return store;
    }

    java.util.Set<String> targets() {
        return TestApi.awsJson(control).targets();
    }

    Reply call(String operation, Map<String, ?> body) {
        return call(operation, JSON.valueToTree(body).toString());
    }

    Reply call(String operation, String body) {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.address().getPort() + "/"))
                .header("X-Amz-Target", TARGET + operation)
                .header("Content-Type", "application/x-amz-json-1.1")
                .header("Authorization", authorization())
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Reply(r.statusCode(), r.headers().firstValue("x-amzn-ErrorType").orElse(null),
                    r.headers().firstValue("x-amzn-RequestId").orElse(null), parse(r.body()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Sends over a plain socket so the Host header can be botocore's {@code data-localhost}. */
    Reply callWithHost(String host, String operation, Map<String, ?> body) throws IOException {
        byte[] payload = JSON.writeValueAsBytes(body);
        String head = "POST / HTTP/1.1\r\nHost: " + host + ":" + server.address().getPort() + "\r\n"
                + "X-Amz-Target: " + TARGET + operation + "\r\nContent-Type: application/x-amz-json-1.1\r\n"
                + "Authorization: " + authorization() + "\r\nContent-Length: " + payload.length
                + "\r\nConnection: close\r\n\r\n";
        try (Socket socket = new Socket("127.0.0.1", server.address().getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(payload);
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int split = response.indexOf("\r\n\r\n");
            int status = Integer.parseInt(response.substring(9, 12));
            return new Reply(status, null, null, parse(response.substring(split + 4)));
        }
    }

    private String authorization() {
        return "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/" + region
                + "/servicediscovery/aws4_request, SignedHeaders=host;x-amz-date, Signature=abc";
    }

    private static JsonNode parse(String body) throws IOException {
        return body.isEmpty() ? JSON.createObjectNode() : JSON.readTree(body);
    }

    @Override
    public void close() {
        server.close();
        control.close();
        control.runtime().close();
        store.close();
    }
}
