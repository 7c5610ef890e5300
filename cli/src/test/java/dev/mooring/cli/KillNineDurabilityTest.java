package dev.mooring.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An acknowledged write survives {@code kill -9} of the server: a real `mooring server` in a child JVM is killed with
 * SIGKILL right after its last answer, and a new one on the same state directory has every resource.
 */
class KillNineDurabilityTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path stateDir;

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<Process> servers = new ArrayList<>();

    @AfterEach
    void stopServers() {
        servers.forEach(Process::destroyForcibly);
    }

    @Test
    void acknowledgedWritesSurviveKillNine() throws Exception {
        int port = freePort();
        Process first = startServer(port);
        int clusters = 60;
        for (int i = 0; i < clusters; i++) {
            ecs(port, "CreateCluster", "{\"clusterName\":\"c" + i + "\"}");
        }
        JsonNode td = ecs(port, "RegisterTaskDefinition", "{\"family\":\"web\",\"containerDefinitions\":"
                + "[{\"name\":\"web\",\"image\":\"mooring/exec\",\"command\":[\"sleep\",\"60\"]}]}");
        first.destroyForcibly().waitFor();
        assertThat(first.exitValue()).as("the server died of SIGKILL").isEqualTo(137);

        startServer(port);
        TreeSet<String> names = new TreeSet<>();
        String token = null;
        do {
            JsonNode page = ecs(port, "ListClusters", token == null ? "{\"maxResults\":25}"
                    : "{\"maxResults\":25,\"nextToken\":\"" + token + "\"}");
            page.get("clusterArns").forEach(a -> names.add(a.asText().substring(a.asText().indexOf('/') + 1)));
            token = page.hasNonNull("nextToken") ? page.get("nextToken").asText() : null;
        } while (token != null);
        for (int i = 0; i < clusters; i++) {
            assertThat(names).contains("c" + i);
        }
        JsonNode described = ecs(port, "DescribeTaskDefinition", "{\"taskDefinition\":\"web:1\"}");
        assertThat(described.path("taskDefinition").path("taskDefinitionArn").asText())
                .isEqualTo(td.path("taskDefinition").path("taskDefinitionArn").asText());
    }

    private Process startServer(int port) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "server",
                "--runtime", "simulated", "--port", String.valueOf(port), "--state-dir", stateDir.toString())
                .redirectErrorStream(true)
                .redirectOutput(stateDir.resolve("server-" + servers.size() + ".log").toFile())
                .start();
        servers.add(p);
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/_mooring/health")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode() == 200);
        return p;
    }

    private JsonNode ecs(int port, String operation, String body) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                .header("Content-Type", "application/x-amz-json-1.1")
                .header("X-Amz-Target", "AmazonEC2ContainerServiceV20141113." + operation)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(operation + " answered " + r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
