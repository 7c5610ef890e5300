package dev.mooring.control.cloudmap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class InstanceOperationsTest extends CloudMapTestBase {

    @Test
    void registersGetsListsAndDeregisters() {
        String srv = service(httpNamespace("apps"), "api").path("Id").asText();
        String op = register(srv, "task-1", Map.of("AWS_INSTANCE_IPV4", "198.18.0.5", "AWS_INSTANCE_PORT", "8080"));
        JsonNode operation = ok("GetOperation", Map.of("OperationId", op)).path("Operation");
        assertThat(operation.path("Type").asText()).isEqualTo("REGISTER_INSTANCE");
        assertThat(operation.path("Targets").path("INSTANCE").asText()).isEqualTo("task-1");
        assertThat(operation.path("Targets").path("SERVICE").asText()).isEqualTo(srv);

        JsonNode instance = ok("GetInstance", Map.of("ServiceId", srv, "InstanceId", "task-1")).path("Instance");
        assertThat(instance.path("Id").asText()).isEqualTo("task-1");
        assertThat(instance.path("Attributes").path("AWS_INSTANCE_PORT").asText()).isEqualTo("8080");

        register(srv, "task-1", Map.of("AWS_INSTANCE_IPV4", "198.18.0.6"));
        assertThat(ok("GetInstance", Map.of("ServiceId", srv, "InstanceId", "task-1")).path("Instance")
                .path("Attributes").path("AWS_INSTANCE_IPV4").asText()).as("re-registering updates")
                .isEqualTo("198.18.0.6");
        for (int i = 2; i <= 5; i++) {
            register(srv, "task-" + i, Map.of());
        }
        assertThat(ok("GetService", Map.of("Id", srv)).path("Service").path("InstanceCount").asInt()).isEqualTo(5);
        List<JsonNode> listed = all("ListInstances", Map.of("ServiceId", srv, "MaxResults", 2), "Instances");
        assertThat(texts(listed, i -> i.path("Id"))).containsExactly("task-1", "task-2", "task-3", "task-4",
                "task-5");

        String dereg = ok("DeregisterInstance", Map.of("ServiceId", srv, "InstanceId", "task-1"))
                .path("OperationId").asText();
        assertThat(ok("GetOperation", Map.of("OperationId", dereg)).path("Operation").path("Type").asText())
                .isEqualTo("DEREGISTER_INSTANCE");
        fails("InstanceNotFound", "GetInstance", Map.of("ServiceId", srv, "InstanceId", "task-1"));
        fails("InstanceNotFound", "DeregisterInstance", Map.of("ServiceId", srv, "InstanceId", "task-1"));
        fails("ServiceNotFound", "ListInstances", Map.of("ServiceId", "srv-doesnotexist000"));
        fails("ServiceNotFound", "RegisterInstance", Map.of("ServiceId", "srv-doesnotexist000", "InstanceId", "x",
                "Attributes", Map.of()));
    }

    @Test
    void registerRetriesAreIdempotent() {
        String srv = service(httpNamespace("apps"), "api").path("Id").asText();
        Map<String, Object> request = Map.of("ServiceId", srv, "InstanceId", "i-1", "CreatorRequestId", "c1",
                "Attributes", Map.of("color", "blue"));
        String first = ok("RegisterInstance", request).path("OperationId").asText();
        assertThat(ok("RegisterInstance", request).path("OperationId").asText()).isEqualTo(first);
        JsonNode dup = fails("DuplicateRequest", "RegisterInstance", Map.of("ServiceId", srv, "InstanceId", "i-1",
                "CreatorRequestId", "c1", "Attributes", Map.of("color", "red")));
        assertThat(dup.path("DuplicateOperationId").asText()).isEqualTo(first);
        assertThat(ok("GetInstance", Map.of("ServiceId", srv, "InstanceId", "i-1")).path("Instance")
                .path("CreatorRequestId").asText()).isEqualTo("c1");
        assertThat(ok("ListOperations", Map.of("Filters", List.of(Map.of("Name", "TYPE", "Values",
                List.of("REGISTER_INSTANCE"))))).path("Operations")).hasSize(1);
    }

    @Test
    void rejectsBadInstancesWithoutRegisteringAny() {
        String ns = privateNamespace("corp.internal");
        String a = dnsService(ns, "db").path("Id").asText();
        String srv = ok("CreateService", Map.of("Name", "srv", "NamespaceId", ns, "DnsConfig",
                Map.of("DnsRecords", List.of(Map.of("Type", "SRV", "TTL", 10))))).path("Service").path("Id").asText();
        fails("InvalidInput", "RegisterInstance", Map.of("ServiceId", a, "InstanceId", "i"));
        fails("InvalidInput", "RegisterInstance", Map.of("InstanceId", "i", "Attributes", Map.of()));
        fails("InvalidInput", "RegisterInstance", Map.of("ServiceId", a, "Attributes", Map.of()));
        fails("InvalidInput", "RegisterInstance", Map.of("ServiceId", a, "InstanceId", "bad id",
                "Attributes", Map.of("AWS_INSTANCE_IPV4", "198.18.0.1")));
        fails("InvalidInput", "RegisterInstance", Map.of("ServiceId", a, "InstanceId", "x".repeat(65),
                "Attributes", Map.of("AWS_INSTANCE_IPV4", "198.18.0.1")));
        fails("InvalidInput", "RegisterInstance", Map.of("ServiceId", a, "InstanceId", "i",
                "Attributes", Map.of()));
        fails("InvalidInput", "RegisterInstance", Map.of("ServiceId", a, "InstanceId", "i",
                "Attributes", Map.of("AWS_INSTANCE_IPV4", "198.18.0.300")));
        fails("InvalidInput", "RegisterInstance", Map.of("ServiceId", a, "InstanceId", "i",
                "Attributes", Map.of("AWS_INSTANCE_IPV4", "198.18.0.1", "AWS_INSTANCE_IPV6", "nope")));
        fails("InvalidInput", "RegisterInstance", Map.of("ServiceId", srv, "InstanceId", "i",
                "Attributes", Map.of("AWS_INSTANCE_IPV4", "198.18.0.1")));
        fails("InvalidInput", "RegisterInstance", Map.of("ServiceId", srv, "InstanceId", "i",
                "Attributes", Map.of("AWS_INSTANCE_IPV4", "198.18.0.1", "AWS_INSTANCE_PORT", "70000")));
        fails("InvalidInput", "RegisterInstance", Map.of("ServiceId", a, "InstanceId", "i",
                "Attributes", Map.of("AWS_INSTANCE_IPV4", "198.18.0.1", "AWS_INIT_HEALTH_STATUS", "HEALTHY")));
        Map<String, String> many = IntStream.range(0, 31).boxed()
                .collect(Collectors.toMap(i -> "k" + i, i -> "v"));
        many = new HashMap<>(many);
        many.put("AWS_INSTANCE_IPV4", "198.18.0.1");
        fails("InvalidInput", "RegisterInstance", Map.of("ServiceId", a, "InstanceId", "i", "Attributes", many));
        fails("InvalidInput", "RegisterInstance", Map.of("ServiceId", a, "InstanceId", "i",
                "Attributes", Map.of("AWS_INSTANCE_IPV4", "198.18.0.1", "big", "v".repeat(1025))));
        assertThat(ok("ListInstances", Map.of("ServiceId", a)).path("Instances")).isEmpty();
        assertThat(ok("ListInstances", Map.of("ServiceId", srv)).path("Instances")).isEmpty();
        assertThat(ok("ListOperations", Map.of("Filters", List.of(Map.of("Name", "TYPE", "Values",
                List.of("REGISTER_INSTANCE"))))).path("Operations")).isEmpty();
    }

    @Test
    void customHealthStartsFromInitStatusAndCanBeChanged() {
        String ns = httpNamespace("apps");
        String custom = ok("CreateService", Map.of("Name", "api", "NamespaceId", ns,
                "HealthCheckCustomConfig", Map.of())).path("Service").path("Id").asText();
        register(custom, "up", Map.of());
        register(custom, "down", Map.of("AWS_INIT_HEALTH_STATUS", "UNHEALTHY"));
        JsonNode status = ok("GetInstancesHealthStatus", Map.of("ServiceId", custom)).path("Status");
        assertThat(status.path("up").asText()).isEqualTo("HEALTHY");
        assertThat(status.path("down").asText()).isEqualTo("UNHEALTHY");

        JsonNode empty = ok("UpdateInstanceCustomHealthStatus", Map.of("ServiceId", custom, "InstanceId", "down",
                "Status", "HEALTHY"));
        assertThat(empty.size()).isZero();
        assertThat(ok("GetInstancesHealthStatus", Map.of("ServiceId", custom, "Instances", List.of("down")))
                .path("Status").path("down").asText()).isEqualTo("HEALTHY");
        JsonNode paged = ok("GetInstancesHealthStatus", Map.of("ServiceId", custom, "MaxResults", 1));
        assertThat(paged.path("Status")).hasSize(1);
        assertThat(paged.path("NextToken").asText()).isNotEmpty();

        fails("InvalidInput", "UpdateInstanceCustomHealthStatus", Map.of("ServiceId", custom, "InstanceId", "down",
                "Status", "UNKNOWN"));
        fails("InstanceNotFound", "UpdateInstanceCustomHealthStatus", Map.of("ServiceId", custom,
                "InstanceId", "ghost", "Status", "HEALTHY"));
        fails("InstanceNotFound", "GetInstancesHealthStatus", Map.of("ServiceId", custom,
                "Instances", List.of("ghost")));
        String plain = service(ns, "plain").path("Id").asText();
        register(plain, "p", Map.of());
        fails("CustomHealthNotFound", "UpdateInstanceCustomHealthStatus", Map.of("ServiceId", plain,
                "InstanceId", "p", "Status", "HEALTHY"));
        assertThat(ok("GetInstancesHealthStatus", Map.of("ServiceId", plain)).path("Status").path("p").asText())
                .isEqualTo("UNKNOWN");
    }

    @Test
    void discoverInstancesAnswersOnTheDataHostWithHealthyMatchingInstances() throws Exception {
        String ns = httpNamespace("shop");
        String srv = ok("CreateService", Map.of("Name", "cart", "NamespaceId", ns,
                "HealthCheckCustomConfig", Map.of())).path("Service").path("Id").asText();
        register(srv, "blue-1", Map.of("color", "blue", "AWS_INSTANCE_IPV4", "198.18.0.1"));
        register(srv, "blue-2", Map.of("color", "blue", "AWS_INSTANCE_IPV4", "198.18.0.2"));
        register(srv, "green-1", Map.of("color", "green", "AWS_INSTANCE_IPV4", "198.18.0.3"));
        register(srv, "sick", Map.of("color", "blue", "AWS_INIT_HEALTH_STATUS", "UNHEALTHY"));

        var reply = cm.callWithHost("data-localhost", "DiscoverInstances",
                Map.of("NamespaceName", "shop", "ServiceName", "cart"));
        assertThat(reply.status()).isEqualTo(200);
        List<JsonNode> found = list(reply.body().path("Instances"));
        assertThat(texts(found, i -> i.path("InstanceId"))).containsExactlyInAnyOrder("blue-1", "blue-2", "green-1");
        JsonNode one = found.getFirst();
        assertThat(one.path("NamespaceName").asText()).isEqualTo("shop");
        assertThat(one.path("ServiceName").asText()).isEqualTo("cart");
        assertThat(one.path("HealthStatus").asText()).isEqualTo("HEALTHY");
        assertThat(one.path("Attributes").path("AWS_INSTANCE_IPV4").asText()).startsWith("198.18.0.");

        assertThat(discover(Map.of("QueryParameters", Map.of("color", "blue")))).containsExactlyInAnyOrder("blue-1",
                "blue-2");
        assertThat(discover(Map.of("OptionalParameters", Map.of("color", "green")))).containsExactly("green-1");
        assertThat(discover(Map.of("OptionalParameters", Map.of("color", "purple")))).hasSize(3);
        assertThat(discover(Map.of("HealthStatus", "UNHEALTHY"))).containsExactly("sick");
        assertThat(discover(Map.of("HealthStatus", "ALL"))).hasSize(4);
        assertThat(discover(Map.of("MaxResults", 2))).hasSize(2);
        assertThat(discover(Map.of("QueryParameters", Map.of("color", "red"), "HealthStatus",
                "HEALTHY_OR_ELSE_ALL"))).isEmpty();
        ok("UpdateInstanceCustomHealthStatus", Map.of("ServiceId", srv, "InstanceId", "sick", "Status", "HEALTHY"));
        assertThat(discover(Map.of())).hasSize(4);

        fails("NamespaceNotFound", "DiscoverInstances", Map.of("NamespaceName", "nope", "ServiceName", "cart"));
        fails("ServiceNotFound", "DiscoverInstances", Map.of("NamespaceName", "shop", "ServiceName", "nope"));
        fails("InvalidInput", "DiscoverInstances", Map.of("NamespaceName", "shop"));
        fails("InvalidInput", "DiscoverInstances", Map.of("NamespaceName", "shop", "ServiceName", "cart",
                "HealthStatus", "SORT_OF"));
        fails("InvalidInput", "DiscoverInstances", Map.of("NamespaceName", "shop", "ServiceName", "cart",
                "MaxResults", 1001));
        cm.region = "eu-central-1";
        fails("NamespaceNotFound", "DiscoverInstances", Map.of("NamespaceName", "shop", "ServiceName", "cart"));
    }

    @Test
    void discoveryIgnoresTheHealthFilterForServicesWithoutHealthChecks() {
        String srv = service(httpNamespace("apps"), "api").path("Id").asText();
        register(srv, "i-1", Map.of());
        JsonNode found = ok("DiscoverInstances", Map.of("NamespaceName", "apps", "ServiceName", "api",
                "HealthStatus", "HEALTHY")).path("Instances");
        assertThat(found).hasSize(1);
        assertThat(found.get(0).path("HealthStatus").asText()).isEqualTo("UNKNOWN");
    }

    private List<String> discover(Map<String, Object> extra) {
        Map<String, Object> body = new HashMap<>(extra);
        body.put("NamespaceName", "shop");
        body.put("ServiceName", "cart");
        return texts(list(ok("DiscoverInstances", body).path("Instances")), i -> i.path("InstanceId"));
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> out = new java.util.ArrayList<>();
        array.forEach(out::add);
        return out;
    }
}
