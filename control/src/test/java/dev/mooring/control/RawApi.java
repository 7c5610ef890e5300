package dev.mooring.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/**
 * Sends exact bytes to the API, so tests can say what no SDK would: malformed JSON, wrong types, duplicate keys. A
 * request that takes longer than {@link #TIMEOUT} counts as a hang.
 */
final class RawApi {
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What came back: the HTTP status and the body as text, or status 0 for a hang. */
    record Answer(int status, String body) {
        boolean ok() {
            return status / 100 == 2;
        }

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException("not JSON (" + status + "): " + body, e);
            }
        }
    }

    private final URI endpoint;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    RawApi(URI endpoint) {
        this.endpoint = endpoint.resolve("/");
    }

    Answer post(String target, byte[] body) {
        String service = target.startsWith("Route53AutoNaming") ? "servicediscovery" : "ecs";
        HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(TIMEOUT)
                .header("X-Amz-Target", target)
                .header("Content-Type", "application/x-amz-json-1.1")
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/" + service
                        + "/aws4_request, SignedHeaders=host, Signature=abc")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.body());
        } catch (HttpTimeoutException e) {
            return new Answer(0, "no answer within " + TIMEOUT);
        } catch (IOException e) {
            throw new IllegalStateException(target + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A call that must succeed: its JSON answer. */
    JsonNode call(String target, Object body) {
        try {
            Answer a = post(target, JSON.writeValueAsBytes(body));
            if (!a.ok()) {
                throw new IllegalStateException(target + " answered " + a.status() + ": " + a.body());
            }
            return a.json();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static ObjectMapper json() {
        return JSON;
    }
}
