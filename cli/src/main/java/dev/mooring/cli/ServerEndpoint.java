package dev.mooring.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * The server a client command talks to, a picocli mixin: {@code --endpoint-url}, else {@code AWS_ENDPOINT_URL} as
 * the AWS CLI reads it, else {@code http://localhost:4566}; and the calls the commands make to it.
 */
final class ServerEndpoint {
    static final String DEFAULT = "${env:AWS_ENDPOINT_URL:-http://localhost:4566}";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--endpoint-url", defaultValue = DEFAULT,
            description = "The server to ask (default: $AWS_ENDPOINT_URL, else http://localhost:4566).")
    String endpointUrl;

    /** The server's URL, or null after telling the user on stderr what is wrong with it. */
    URI uri() {
        try {
            return parse(endpointUrl);
        } catch (IllegalArgumentException e) {
            System.err.println("mooring: " + e.getMessage());
            return null;
        }
    }

    /** The body of an admin endpoint's 200 answer, or null after telling the user on stderr why there is none. */
    static String admin(URI endpoint, String pathAndQuery) throws IOException, InterruptedException {
        HttpResponse<String> response;
        try {
            response = get(endpoint, pathAndQuery);
        } catch (ConnectException e) {
            System.err.println("mooring: no server answers at " + endpoint + " (start one with ./mooring server)");
            return null;
        }
        if (response.statusCode() != 200) {
            System.err.println("mooring: " + endpoint + " answered " + response.statusCode() + ": " + response.body());
            return null;
        }
        return response.body();
    }

    /** The URL, or an {@link IllegalArgumentException} whose message is the one line to print. */
    static URI parse(String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("--endpoint-url '" + text + "' is not a URL: " + e.getReason());
        }
        if (uri.getScheme() == null || !uri.getScheme().matches("https?") || uri.getHost() == null) {
            throw new IllegalArgumentException("--endpoint-url '" + text + "' needs a scheme and a host, such as"
                    + " http://localhost:4566");
        }
        return uri;
    }

    static HttpResponse<String> get(URI endpoint, String path) throws IOException, InterruptedException {
        try (HttpClient http = client()) {
            return http.send(HttpRequest.newBuilder(endpoint.resolve(path)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }

    /** One ECS call as the SDKs make it (JSON 1.1); the server needs no signature. */
    static JsonNode ecs(URI endpoint, String operation, String body) throws IOException, InterruptedException {
        try (HttpClient http = client()) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(endpoint.resolve("/"))
                    .timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/x-amz-json-1.1")
                    .header("X-Amz-Target", "AmazonEC2ContainerServiceV20141113." + operation)
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IOException(operation + " answered " + r.statusCode() + ": " + r.body());
            }
            return JSON.readTree(r.body());
        }
    }

    private static HttpClient client() {
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    }
}
