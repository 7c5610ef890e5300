package dev.mooring.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mooring.task.TaskSignal;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The client of the server's {@code POST /_mooring/signal?task=…&signal=…} admin endpoint: the server's runtime
 * signals the container processes it started for that task, and answers which ones (name and PID).
 */
public final class TaskSignalClient implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One container process the server signalled. */
    public record Container(String name, long pid) {}

    /** What the server did: the task, the signal, when, and the processes it reached. */
    public record Signalled(String taskId, TaskSignal signal, Instant at, List<Container> containers) {}

    private final URI endpoint;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    public TaskSignalClient(URI endpoint) {
        this.endpoint = endpoint;
    }

    /**
     * Signals a task (by id or ARN) of the server; {@link ChaosException} with the server's message and status
     * otherwise: 404 for a task the server does not run, 409 for one that is not RUNNING.
     */
    public Signalled signal(String task, TaskSignal signal) {
        URI uri = endpoint.resolve("/_mooring/signal?task=" + URLEncoder.encode(task, StandardCharsets.UTF_8)
                + "&signal=" + signal);
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new ChaosException("no server answers at " + endpoint + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChaosException("interrupted", e);
        }
        try {
            JsonNode body = JSON.readTree(response.body());
            if (response.statusCode() != 200) {
                throw new ChaosException("signal " + task + ": " + response.statusCode() + " "
                        + body.path("__type").asText(body.path("code").asText("")) + ": "
                        + body.path("message").asText(response.body()), response.statusCode());
            }
            List<Container> containers = new ArrayList<>();
            body.path("containers").forEach(c -> containers.add(new Container(c.path("container").asText(),
                    c.path("pid").asLong())));
            return new Signalled(body.path("taskId").asText(), TaskSignal.valueOf(body.path("signal").asText()),
                    Instant.parse(body.path("at").asText()), List.copyOf(containers));
        } catch (IOException e) {
            throw new ChaosException("signal " + task + ": the server answered " + response.statusCode()
                    + " with something that is not JSON: " + response.body(), e);
        }
    }

    @Override
    public void close() {
        http.close();
    }
}
