package dev.mooring.control.cloudmap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mooring.control.cloudmap.CloudMapFixture.Reply;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** Starts a server per test and offers the calls most tests make first. */
abstract class CloudMapTestBase {
    @TempDir
    Path stateDir;

    CloudMapFixture cm;

    @BeforeEach
    void startServer() throws Exception {
        cm = new CloudMapFixture(stateDir);
    }

    @AfterEach
    void stopServer() {
        cm.close();
    }

    /** The body of a successful call; fails the test with the error otherwise. */
    JsonNode ok(String operation, Map<String, ?> body) {
        Reply r = cm.call(operation, body);
        assertThat(r.status()).as("%s answered %s", operation, r.body()).isEqualTo(200);
        assertThat(r.requestId()).isNotBlank();
        return r.body();
    }

    /** Asserts the call fails with {@code code} (400) and returns the error body. */
    JsonNode fails(String code, String operation, Map<String, ?> body) {
        Reply r = cm.call(operation, body);
        assertThat(r.status()).as("%s answered %s", operation, r.body()).isEqualTo(400);
        assertThat(r.code()).isEqualTo(code);
        assertThat(r.errorTypeHeader()).isEqualTo(code);
        assertThat(r.body().path("Message").asText()).isNotBlank();
        return r.body();
    }

    /** The namespace id an operation created. */
    String targetOf(String operationId, String target) {
        JsonNode op = ok("GetOperation", Map.of("OperationId", operationId)).path("Operation");
        assertThat(op.path("Status").asText()).isEqualTo("SUCCESS");
        return op.path("Targets").path(target).asText();
    }

    String httpNamespace(String name) {
        return targetOf(ok("CreateHttpNamespace", Map.of("Name", name)).path("OperationId").asText(), "NAMESPACE");
    }

    String privateNamespace(String name) {
        return targetOf(ok("CreatePrivateDnsNamespace", Map.of("Name", name, "Vpc", "vpc-1"))
                .path("OperationId").asText(), "NAMESPACE");
    }

    JsonNode service(String namespaceId, String name) {
        return ok("CreateService", Map.of("Name", name, "NamespaceId", namespaceId)).path("Service");
    }

    JsonNode dnsService(String namespaceId, String name) {
        return ok("CreateService", Map.of("Name", name, "NamespaceId", namespaceId, "DnsConfig",
                Map.of("DnsRecords", List.of(Map.of("Type", "A", "TTL", 10))))).path("Service");
    }

    String register(String serviceId, String instanceId, Map<String, String> attributes) {
        return ok("RegisterInstance", Map.of("ServiceId", serviceId, "InstanceId", instanceId,
                "Attributes", attributes)).path("OperationId").asText();
    }

    /** Follows NextToken until it is absent, asserting the pages end and never repeat an item. */
    List<JsonNode> all(String operation, Map<String, ?> request, String resultKey) {
        List<JsonNode> items = new ArrayList<>();
        String token = null;
        for (int page = 0; page < 1000; page++) {
            Map<String, Object> body = new LinkedHashMap<>(request);
            if (token != null) {
                body.put("NextToken", token);
            }
            JsonNode r = ok(operation, body);
            r.path(resultKey).forEach(items::add);
            if (!r.hasNonNull("NextToken")) {
                return items;
            }
            assertThat(r.path("NextToken").asText()).isNotEqualTo(token);
            token = r.path("NextToken").asText();
        }
        throw new AssertionError(operation + " pagination did not end");
    }

    static List<String> texts(List<JsonNode> nodes, Function<JsonNode, JsonNode> field) {
        return nodes.stream().map(n -> field.apply(n).asText()).toList();
    }
}
