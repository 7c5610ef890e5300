package dev.mooring.connect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mooring.api.ApiServer;
import dev.mooring.api.MooringApi;
import dev.mooring.api.admin.AdminEndpoints;
import dev.mooring.control.ControlPlane;
import dev.mooring.task.simulated.SimulatedRuntime;
import dev.mooring.store.Store;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/** A control plane with the simulated runtime and its API on an ephemeral port, driven with raw JSON calls. */
public final class ControlPlaneFixture implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Store store;
    private final SimulatedRuntime runtime;
    private final ControlPlane control;
    private final ApiServer server;
    private final HttpClient http = HttpClient.newHttpClient();

    public ControlPlaneFixture(Path dir) throws InterruptedException {
        this(dir, null);
    }

    /** @param agentPool when not null, the Service Connect agent runs in the control plane with this VIP pool */
    public ControlPlaneFixture(Path dir, dev.mooring.connect.plan.VipPool agentPool) throws InterruptedException {
        store = Store.open(dir);
        runtime = new SimulatedRuntime(Clock.systemUTC(), Duration.ofMillis(20));
        control = new ControlPlane(store, runtime, "000000000000", Clock.systemUTC());
        server = ApiServer.builder().port(0).handler(MooringApi.of(control.accountId(), control.clock(),
                control.services(), new AdminEndpoints())).start();
        if (agentPool == null) {
            control.start();
        } else {
            ServiceConnectController agent = new ServiceConnectController(new ServiceConnectAgent(
                    control.ecs().tables(), control.cloudMap(), agentPool), control.ecs().tables());
            control.attach(agent);
            java.util.List<dev.mooring.reconcile.Controller> controllers = new java.util.ArrayList<>();
            controllers.add(agent);
            controllers.addAll(control.ecsControllers());
            control.start(controllers);
        }
    }

    public ControlPlane control() {
        return control;
    }

    public SimulatedRuntime runtime() {
        return runtime;
    }

    public JsonNode ecs(String operation, String body) {
        return call("AmazonEC2ContainerServiceV20141113." + operation, "ecs", body);
    }

    public JsonNode cloudMap(String operation, String body) {
        return call("Route53AutoNaming_v20170314." + operation, "servicediscovery", body);
    }

    private JsonNode call(String target, String service, String body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.address().getPort()
                        + "/"))
                .header("X-Amz-Target", target)
                .header("Content-Type", "application/x-amz-json-1.1")
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/" + service
                        + "/aws4_request, SignedHeaders=host, Signature=abc")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException(target + " answered " + r.statusCode() + ": " + r.body());
            }
            return r.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(r.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.close();
        control.close();
        runtime.close();
        store.close();
    }
}
