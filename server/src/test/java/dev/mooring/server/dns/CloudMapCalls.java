package dev.mooring.server.dns;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mooring.api.ApiRequest;
import dev.mooring.api.ApiResponse;
import dev.mooring.api.MooringApi;
import dev.mooring.api.HttpHandler;
import dev.mooring.api.admin.AdminEndpoints;
import dev.mooring.control.ControlPlane;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import java.util.List;
import java.util.Map;

/** Cloud Map API calls through the API handler, as a client would make them, for tests that need Cloud Map state. */
record CloudMapCalls(HttpHandler api) {
    private static final ObjectMapper JSON = new ObjectMapper();

    static CloudMapCalls of(ControlPlane control) {
        return new CloudMapCalls(MooringApi.of(control.accountId(), control.clock(), control.services(),
                new AdminEndpoints()));
    }

    String privateNamespace(String name) throws Exception {
        call("CreatePrivateDnsNamespace", Map.of("Name", name, "Vpc", "vpc-1"));
        JsonNode list = call("ListNamespaces", Map.of());
        for (JsonNode ns : list.get("Namespaces")) {
            if (ns.get("Name").asText().equals(name)) {
                return ns.get("Id").asText();
            }
        }
        throw new AssertionError("namespace " + name + " not listed: " + list);
    }

    /** A service with the given DnsRecords and a custom health check, as the YELB sample declares them. */
    String service(String name, String nsId, List<Map<String, Object>> dnsRecords) throws Exception {
        JsonNode created = call("CreateService", Map.of("Name", name, "DnsConfig",
                Map.of("NamespaceId", nsId, "DnsRecords", dnsRecords),
                "HealthCheckCustomConfig", Map.of("FailureThreshold", 1)));
        return created.get("Service").get("Id").asText();
    }

    void register(String serviceId, String instanceId, Map<String, String> attributes) throws Exception {
        call("RegisterInstance", Map.of("ServiceId", serviceId, "InstanceId", instanceId, "Attributes", attributes));
    }

    JsonNode call(String operation, Map<String, Object> input) throws Exception {
        var headers = new DefaultHttpHeaders().set("X-Amz-Target", "Route53AutoNaming_v20170314." + operation)
                .set("Content-Type", ApiResponse.AMZ_JSON);
        ApiResponse response = api.handle(ApiRequest.of("POST", "/", headers, JSON.writeValueAsBytes(input), false));
        JsonNode body = JSON.readTree(response.body());
        assertThat(response.status()).as("%s: %s", operation, body).isEqualTo(200);
        return body;
    }
}
