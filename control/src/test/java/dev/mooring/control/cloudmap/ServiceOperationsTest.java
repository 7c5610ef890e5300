package dev.mooring.control.cloudmap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceOperationsTest extends CloudMapTestBase {

    @Test
    void createsHttpAndDnsServices() {
        String http = httpNamespace("apps");
        JsonNode api = service(http, "api");
        assertThat(api.path("Id").asText()).matches("srv-[a-z0-9]{16}");
        assertThat(api.path("Arn").asText()).isEqualTo("arn:aws:servicediscovery:us-east-1:123456789012:service/"
                + api.path("Id").asText());
        assertThat(api.path("Type").asText()).isEqualTo("HTTP");
        assertThat(api.path("NamespaceId").asText()).isEqualTo(http);
        assertThat(api.has("DnsConfig")).isFalse();

        String dns = privateNamespace("corp.internal");
        JsonNode db = ok("CreateService", Map.of("Name", "db", "NamespaceId", dns, "DnsConfig", Map.of(
                "DnsRecords", List.of(Map.of("Type", "A", "TTL", 30), Map.of("Type", "SRV", "TTL", 60))),
                "HealthCheckCustomConfig", Map.of("FailureThreshold", 1))).path("Service");
        assertThat(db.path("Type").asText()).isEqualTo("DNS_HTTP");
        assertThat(db.path("DnsConfig").path("RoutingPolicy").asText()).isEqualTo("MULTIVALUE");
        assertThat(db.path("DnsConfig").path("DnsRecords").get(1).path("TTL").asLong()).isEqualTo(60);

        JsonNode got = ok("GetService", Map.of("Id", db.path("Arn").asText())).path("Service");
        assertThat(got.path("Name").asText()).isEqualTo("db");
        assertThat(got.path("InstanceCount").asInt()).isZero();
        assertThat(got.path("HealthCheckCustomConfig").path("FailureThreshold").asInt()).isEqualTo(1);
    }

    @Test
    void rejectsBadServicesWithoutCreatingAny() {
        String http = httpNamespace("apps");
        String dns = privateNamespace("corp.internal");
        Map<String, Object> aRecord = Map.of("DnsRecords", List.of(Map.of("Type", "A", "TTL", 10)));
        fails("InvalidInput", "CreateService", Map.of("NamespaceId", http));
        fails("InvalidInput", "CreateService", Map.of("Name", "api"));
        fails("InvalidInput", "CreateService", Map.of("Name", "-api", "NamespaceId", http));
        fails("InvalidInput", "CreateService", Map.of("Name", "a".repeat(64), "NamespaceId", http));
        fails("InvalidInput", "CreateService", Map.of("Name", "api", "NamespaceId", http, "DnsConfig", aRecord));
        fails("InvalidInput", "CreateService", Map.of("Name", "api", "NamespaceId", dns, "Type", "HTTP",
                "DnsConfig", aRecord));
        fails("InvalidInput", "CreateService", Map.of("Name", "api", "NamespaceId", dns, "Type", "DNS"));
        fails("InvalidInput", "CreateService", Map.of("Name", "api", "NamespaceId", dns,
                "DnsConfig", Map.of("DnsRecords", List.of())));
        fails("InvalidInput", "CreateService", Map.of("Name", "api", "NamespaceId", dns,
                "DnsConfig", Map.of("DnsRecords", List.of(Map.of("Type", "MX", "TTL", 10)))));
        fails("InvalidInput", "CreateService", Map.of("Name", "api", "NamespaceId", dns,
                "DnsConfig", Map.of("DnsRecords", List.of(Map.of("Type", "A", "TTL", -5)))));
        fails("InvalidInput", "CreateService", Map.of("Name", "api", "NamespaceId", dns,
                "DnsConfig", Map.of("DnsRecords", List.of(Map.of("Type", "A", "TTL", 2147483648L)))));
        fails("InvalidInput", "CreateService", Map.of("Name", "api", "NamespaceId", dns,
                "DnsConfig", Map.of("RoutingPolicy", "ROUND_ROBIN", "DnsRecords", List.of(Map.of("Type", "A",
                        "TTL", 5)))));
        fails("InvalidInput", "CreateService", Map.of("Name", "api", "NamespaceId", dns,
                "DnsConfig", Map.of("DnsRecords", List.of(Map.of("Type", "CNAME", "TTL", 5)))));
        fails("InvalidInput", "CreateService", Map.of("Name", "api", "NamespaceId", dns,
                "HealthCheckConfig", Map.of("Type", "HTTP")));
        fails("InvalidInput", "CreateService", Map.of("Name", "api", "NamespaceId", http,
                "HealthCheckConfig", Map.of("Type", "HTTP", "FailureThreshold", 11)));
        fails("InvalidInput", "CreateService", Map.of("Name", "api", "NamespaceId", http,
                "HealthCheckConfig", Map.of("Type", "TCP"), "HealthCheckCustomConfig", Map.of()));
        fails("NamespaceNotFound", "CreateService", Map.of("Name", "api", "NamespaceId", "ns-doesnotexist0000"));
        assertThat(ok("ListServices", Map.of()).path("Services")).isEmpty();
    }

    @Test
    void sameNameIsRefusedUnlessItIsARetry() {
        String ns = httpNamespace("apps");
        Map<String, String> request = Map.of("Name", "api", "NamespaceId", ns, "CreatorRequestId", "r1");
        JsonNode first = ok("CreateService", request).path("Service");
        JsonNode retry = ok("CreateService", request).path("Service");
        assertThat(retry.path("Id").asText()).isEqualTo(first.path("Id").asText());
        JsonNode err = fails("ServiceAlreadyExists", "CreateService", Map.of("Name", "api", "NamespaceId", ns));
        assertThat(err.path("ServiceId").asText()).isEqualTo(first.path("Id").asText());
        assertThat(err.path("CreatorRequestId").asText()).isEqualTo("r1");
        fails("ServiceAlreadyExists", "CreateService", Map.of("Name", "api", "NamespaceId", ns,
                "CreatorRequestId", "r1", "Description", "changed"));
        assertThat(ok("ListServices", Map.of()).path("Services")).hasSize(1);
        // the same name in another namespace is another service
        service(httpNamespace("other"), "api");
        assertThat(ok("ListServices", Map.of()).path("Services")).hasSize(2);
    }

    @Test
    void updateChangesTtlsAndHealthCheckAndRecordsAnOperation() {
        String pub = targetOf(ok("CreatePublicDnsNamespace", Map.of("Name", "example.com")).path("OperationId")
                .asText(), "NAMESPACE");
        String id = ok("CreateService", Map.of("Name", "www", "NamespaceId", pub, "Description", "web",
                "DnsConfig", Map.of("DnsRecords", List.of(Map.of("Type", "A", "TTL", 10))),
                "HealthCheckConfig", Map.of("Type", "HTTP", "ResourcePath", "/health")))
                .path("Service").path("Id").asText();
        String op = ok("UpdateService", Map.of("Id", id, "Service", Map.of("DnsConfig",
                Map.of("DnsRecords", List.of(Map.of("Type", "A", "TTL", 99))),
                "HealthCheckConfig", Map.of("Type", "HTTP", "ResourcePath", "/ready")))).path("OperationId").asText();
        JsonNode s = ok("GetService", Map.of("Id", id)).path("Service");
        assertThat(s.path("DnsConfig").path("DnsRecords").get(0).path("TTL").asLong()).isEqualTo(99);
        assertThat(s.path("HealthCheckConfig").path("ResourcePath").asText()).isEqualTo("/ready");
        assertThat(s.path("Description").asText()).isEqualTo("web");
        assertThat(targetOf(op, "SERVICE")).isEqualTo(id);
        JsonNode operation = ok("GetOperation", Map.of("OperationId", op)).path("Operation");
        assertThat(operation.path("Type").asText()).isEqualTo("UPDATE_SERVICE");

        fails("InvalidInput", "UpdateService", Map.of("Id", id, "Service", Map.of("DnsConfig",
                Map.of("DnsRecords", List.of(Map.of("Type", "AAAA", "TTL", 5))))));
        fails("InvalidInput", "UpdateService", Map.of("Id", id, "Service", Map.of("HealthCheckConfig",
                Map.of("Type", "TCP"))));
        fails("InvalidInput", "UpdateService", Map.of("Id", id));
        fails("ServiceNotFound", "UpdateService", Map.of("Id", "srv-doesnotexist000", "Service", Map.of()));
        assertThat(ok("GetService", Map.of("Id", id)).path("Service").path("DnsConfig").path("DnsRecords").get(0)
                .path("TTL").asLong()).as("failed updates change nothing").isEqualTo(99);

        ok("UpdateService", Map.of("Id", id, "Service", Map.of()));
        assertThat(ok("GetService", Map.of("Id", id)).path("Service").has("HealthCheckConfig"))
                .as("an omitted HealthCheckConfig is removed").isFalse();

        String http = service(httpNamespace("apps"), "api").path("Id").asText();
        fails("InvalidInput", "UpdateService", Map.of("Id", http, "Service", Map.of("DnsConfig",
                Map.of("DnsRecords", List.of(Map.of("Type", "A", "TTL", 5))))));
    }

    @Test
    void listFiltersByNamespaceAndPaginates() {
        String a = httpNamespace("a");
        String b = httpNamespace("b");
        for (int i = 0; i < 5; i++) {
            service(a, "svc-" + i);
        }
        service(b, "solo");
        List<JsonNode> inA = all("ListServices", Map.of("MaxResults", 2, "Filters", List.of(Map.of(
                "Name", "NAMESPACE_ID", "Values", List.of(a)))), "Services");
        assertThat(texts(inA, s -> s.path("Name"))).containsExactlyInAnyOrder("svc-0", "svc-1", "svc-2", "svc-3",
                "svc-4");
        String bArn = ok("GetNamespace", Map.of("Id", b)).path("Namespace").path("Arn").asText();
        assertThat(texts(all("ListServices", Map.of("Filters", List.of(Map.of("Name", "NAMESPACE_ID",
                "Values", List.of(bArn)))), "Services"), s -> s.path("Name"))).containsExactly("solo");
        assertThat(all("ListServices", Map.of("Filters", List.of(Map.of("Name", "NAMESPACE_ID", "Condition", "IN",
                "Values", List.of(a, b)))), "Services")).hasSize(6);
        assertThat(all("ListServices", Map.of("MaxResults", 4), "Services")).hasSize(6);
        fails("InvalidInput", "ListServices", Map.of("Filters", List.of(Map.of("Name", "NAMESPACE_ID",
                "Condition", "BEGINS_WITH", "Values", List.of(a)))));
        fails("InvalidInput", "ListServices", Map.of("Filters", List.of(Map.of("Name", "NAMESPACE_ID"))));
    }

    @Test
    void deleteRefusesWhileInstancesExist() {
        String id = service(httpNamespace("apps"), "api").path("Id").asText();
        register(id, "i-1", Map.of());
        fails("ResourceInUse", "DeleteService", Map.of("Id", id));
        ok("DeregisterInstance", Map.of("ServiceId", id, "InstanceId", "i-1"));
        assertThat(ok("DeleteService", Map.of("Id", id)).size()).isZero();
        fails("ServiceNotFound", "GetService", Map.of("Id", id));
        fails("ServiceNotFound", "DeleteService", Map.of("Id", id));
    }

    @Test
    void servicesAreRegional() {
        String id = service(httpNamespace("apps"), "api").path("Id").asText();
        cm.region = "ap-south-1";
        fails("ServiceNotFound", "GetService", Map.of("Id", id));
        assertThat(ok("ListServices", Map.of()).path("Services")).isEmpty();
    }
}
