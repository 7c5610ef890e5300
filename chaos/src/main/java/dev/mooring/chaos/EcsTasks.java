package dev.mooring.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The two ECS calls chaos needs, ListTasks and DescribeTasks, over the public awsJson1.1 API as any client sends
 * them. Mooring parses the SigV4 header for its region only, so a placeholder signature names the region.
 */
public final class EcsTasks implements AutoCloseable {
    private static final String TARGET = "AmazonEC2ContainerServiceV20141113.";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI endpoint;
    private final String region;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    public EcsTasks(URI endpoint, String region) {
        this.endpoint = endpoint;
        this.region = region;
    }

    /** The ARNs of the service's tasks whose lastStatus is RUNNING. */
    public List<String> running(String cluster, String service) {
        List<String> arns = new ArrayList<>();
        String next = null;
        do {
            Map<String, Object> request = new HashMap<>(Map.of("cluster", cluster, "serviceName", service,
                    "desiredStatus", "RUNNING"));
            if (next != null) {
                request.put("nextToken", next);
            }
            JsonNode page = call("ListTasks", request);
            page.path("taskArns").forEach(a -> arns.add(a.asText()));
            next = page.hasNonNull("nextToken") ? page.path("nextToken").asText() : null;
        } while (next != null);
        List<String> running = new ArrayList<>();
        // DescribeTasks takes at most 100 tasks per call
        for (int i = 0; i < arns.size(); i += 100) {
            JsonNode described = call("DescribeTasks", Map.of("cluster", cluster,
                    "tasks", arns.subList(i, Math.min(arns.size(), i + 100))));
            described.path("tasks").forEach(t -> {
                if ("RUNNING".equals(t.path("lastStatus").asText())) {
                    running.add(t.path("taskArn").asText());
                }
            });
        }
        return running;
    }

    private JsonNode call(String operation, Map<String, ?> body) {
        try {
            HttpRequest request = HttpRequest.newBuilder(endpoint.resolve("/"))
                    .timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/x-amz-json-1.1")
                    .header("X-Amz-Target", TARGET + operation)
                    .header("Authorization", "AWS4-HMAC-SHA256 Credential=mooring/20260101/" + region
                            + "/ecs/aws4_request, SignedHeaders=host, Signature=0")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))).build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode json = JSON.readTree(response.body());
            if (response.statusCode() != 200) {
                throw new ChaosException(operation + ": " + json.path("__type").asText() + ": "
                        + json.path("message").asText(response.body()), response.statusCode());
            }
            return json;
        } catch (IOException e) {
            throw new ChaosException("no server answers at " + endpoint + " (" + operation + "): " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChaosException("interrupted", e);
        }
    }

    @Override
    public void close() {
        http.close();
    }
}
