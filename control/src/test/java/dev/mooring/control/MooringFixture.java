package dev.mooring.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mooring.api.ApiServer;
import dev.mooring.store.Store;
import dev.mooring.task.simulated.SimulatedRuntime;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecs.EcsClient;

/**
 * A whole Mooring in-process: store in a temp dir, simulated runtime, control plane with its loops, and the API on an
 * ephemeral port. Builds AWS SDK clients (credentials "test"/"test") and raw Cloud Map calls against it, and can be
 * restarted on the same state directory.
 */
public final class MooringFixture implements AutoCloseable {
    public static final String ACCOUNT = "123456789012";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final Duration step;
    private final List<EcsClient> clients = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private Store store;
    private SimulatedRuntime runtime;
    private ControlPlane control;
    private ApiServer server;

    /** @param step the simulated runtime's time between lifecycle states */
    public MooringFixture(Path dir, Duration step) {
        this.dir = dir;
        this.step = step;
        start();
    }

    public MooringFixture(Path dir) {
        this(dir, Duration.ofMillis(20));
    }

    private void start() {
        store = Store.open(dir);
        runtime = new SimulatedRuntime(Clock.systemUTC(), step);
        control = new ControlPlane(store, runtime, ACCOUNT, Clock.systemUTC());
        try {
            server = TestApi.start(control);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        control.start();
    }

    /** Closes everything (server, loops, runtime, store) and opens the same state directory again. */
    public void restart() {
        stop();
        start();
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.address().getPort());
    }

    public EcsClient ecs() {
        return ecs("us-east-1");
    }

    public EcsClient ecs(String region) {
        EcsClient client = EcsClient.builder()
                .endpointOverride(endpoint())
                .region(Region.of(region))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        clients.add(client);
        return client;
    }

    /** A raw Cloud Map call (the SDK's servicediscovery module is not available here): the JSON answer. */
    public JsonNode cloudMap(String region, String operation, String body) {
        HttpRequest request = HttpRequest.newBuilder(endpoint().resolve("/"))
                .header("X-Amz-Target", "Route53AutoNaming_v20170314." + operation)
                .header("Content-Type", "application/x-amz-json-1.1")
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=test/20260101/" + region
                        + "/servicediscovery/aws4_request, SignedHeaders=host, Signature=abc")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            return r.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(r.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public JsonNode cloudMap(String operation, String body) {
        return cloudMap("us-east-1", operation, body);
    }

    public SimulatedRuntime runtime() {
        return runtime;
    }

    public ControlPlane control() {
        return control;
    }

    public Store store() {
        return store;
    }

    private void stop() {
        clients.forEach(EcsClient::close);
        clients.clear();
        server.close();
        control.close();
        runtime.close();
        store.close();
    }

    @Override
    public void close() {
        stop();
    }
}
