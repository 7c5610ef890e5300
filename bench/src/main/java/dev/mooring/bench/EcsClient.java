package dev.mooring.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/**
 * ECS calls as the AWS CLI sends them (awsJson1.1 over HTTP/1.1, one at a time), without an SDK so that the driver
 * measures the server rather than client-side marshalling. The signature is not checked by Mooring, only parsed.
 */
final class EcsClient {
    private static final String ECS = "AmazonEC2ContainerServiceV20141113.";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final URI endpoint;

    EcsClient(URI endpoint) {
        this.endpoint = endpoint;
    }

    /** Sends one operation; anything but 200 is an error that ends the benchmark, with the server's message. */
    JsonNode call(String op, Map<String, ?> body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .header("Content-Type", "application/x-amz-json-1.1")
                .header("X-Amz-Target", ECS + op)
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=bench/20260101/us-east-1/ecs/aws4_request, "
                        + "SignedHeaders=host, Signature=0")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(op + " answered " + response.statusCode() + ": " + response.body());
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(op + " answered something that is not JSON", e);
        }
    }
}
