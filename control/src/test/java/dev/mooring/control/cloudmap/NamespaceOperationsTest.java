package dev.mooring.control.cloudmap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class NamespaceOperationsTest extends CloudMapTestBase {

    @Test
    void createsEachTypeOfNamespaceWithItsProperties() {
        String http = httpNamespace("apps");
        String priv = targetOf(ok("CreatePrivateDnsNamespace", Map.of("Name", "corp.internal", "Vpc", "vpc-1",
                "Description", "private", "Properties", Map.of("DnsProperties", Map.of("SOA", Map.of("TTL", 60)))))
                .path("OperationId").asText(), "NAMESPACE");
        String pub = targetOf(ok("CreatePublicDnsNamespace", Map.of("Name", "example.com"))
                .path("OperationId").asText(), "NAMESPACE");

        JsonNode h = ok("GetNamespace", Map.of("Id", http)).path("Namespace");
        assertThat(h.path("Id").asText()).isEqualTo(http).matches("ns-[a-z0-9]{16}");
        assertThat(h.path("Arn").asText()).isEqualTo("arn:aws:servicediscovery:us-east-1:123456789012:namespace/"
                + http);
        assertThat(h.path("Type").asText()).isEqualTo("HTTP");
        assertThat(h.path("ServiceCount").asInt()).isZero();
        assertThat(h.path("Properties").path("HttpProperties").path("HttpName").asText()).isEqualTo("apps");
        assertThat(h.path("Properties").path("DnsProperties").path("SOA").isObject()).isTrue();
        assertThat(h.path("Properties").path("DnsProperties").has("HostedZoneId")).isFalse();
        assertThat(h.path("CreateDate").isNumber()).isTrue();
        assertThat(h.has("Description")).as("absent members are omitted").isFalse();

        JsonNode p = ok("GetNamespace", Map.of("Id", "arn:aws:servicediscovery:us-east-1:123456789012:namespace/"
                + priv)).path("Namespace");
        assertThat(p.path("Type").asText()).isEqualTo("DNS_PRIVATE");
        assertThat(p.path("Description").asText()).isEqualTo("private");
        assertThat(p.path("Properties").path("DnsProperties").path("SOA").path("TTL").asLong()).isEqualTo(60);
        assertThat(p.path("Properties").path("DnsProperties").path("HostedZoneId").asText()).startsWith("Z");

        assertThat(ok("GetNamespace", Map.of("Id", pub)).path("Namespace").path("Type").asText())
                .isEqualTo("DNS_PUBLIC");
    }

    @Test
    void retryWithSameCreatorRequestIdGivesSameOperationAndOneNamespace() {
        Map<String, String> request = Map.of("Name", "retry", "CreatorRequestId", "req-1");
        String first = ok("CreateHttpNamespace", request).path("OperationId").asText();
        String second = ok("CreateHttpNamespace", request).path("OperationId").asText();
        assertThat(second).isEqualTo(first);
        assertThat(ok("ListNamespaces", Map.of()).path("Namespaces")).hasSize(1);

        JsonNode err = fails("NamespaceAlreadyExists", "CreateHttpNamespace",
                Map.of("Name", "retry", "CreatorRequestId", "req-2"));
        assertThat(err.path("NamespaceId").asText()).isEqualTo(targetOf(first, "NAMESPACE"));
        assertThat(err.path("CreatorRequestId").asText()).isEqualTo("req-1");
        fails("NamespaceAlreadyExists", "CreatePrivateDnsNamespace", Map.of("Name", "retry", "Vpc", "vpc-1"));
    }

    @Test
    void rejectsBadInputWithoutCreatingAnything() {
        fails("InvalidInput", "CreateHttpNamespace", Map.of());
        fails("InvalidInput", "CreateHttpNamespace", Map.of("Name", "arn:aws:nope"));
        fails("InvalidInput", "CreateHttpNamespace", Map.of("Name", "has space"));
        fails("InvalidInput", "CreateHttpNamespace", Map.of("Name", "x".repeat(1025)));
        fails("InvalidInput", "CreateHttpNamespace", Map.of("Name", "ok", "Description", "d".repeat(1025)));
        fails("InvalidInput", "CreateHttpNamespace", Map.of("Name", "ok", "CreatorRequestId", "c".repeat(65)));
        fails("InvalidInput", "CreatePrivateDnsNamespace", Map.of("Name", "corp.internal"));
        fails("InvalidInput", "CreatePrivateDnsNamespace", Map.of("Name", "bad..name", "Vpc", "vpc-1"));
        fails("InvalidInput", "CreatePublicDnsNamespace", Map.of("Name", "-bad.example.com"));
        fails("InvalidInput", "CreatePrivateDnsNamespace", Map.of("Name", "corp.internal", "Vpc", "vpc-1",
                "Properties", Map.of("DnsProperties", Map.of("SOA", Map.of("TTL", -1)))));
        fails("InvalidInput", "CreatePrivateDnsNamespace", Map.of("Name", "corp.internal", "Vpc", "vpc-1",
                "Properties", Map.of("DnsProperties", Map.of())));
        fails("InvalidInput", "CreateHttpNamespace", Map.of("Name", "ok",
                "Tags", List.of(Map.of("Key", "aws:reserved", "Value", "x"))));
        fails("InvalidInput", "CreateHttpNamespace", Map.of("Name", "ok", "Tags", List.of(Map.of("Key", "k"))));
        JsonNode tooMany = fails("TooManyTagsException", "CreateHttpNamespace", Map.of("Name", "ok", "Tags",
                IntStream.range(0, 51).mapToObj(i -> Map.of("Key", "k" + i, "Value", "v")).toList()));
        assertThat(tooMany.path("ResourceName").asText()).contains(":namespace/ns-");
        assertThat(cm.call("CreateHttpNamespace", "{\"Name\": 5}").code()).isEqualTo("SerializationException");

        assertThat(ok("ListNamespaces", Map.of()).path("Namespaces")).isEmpty();
        assertThat(ok("ListOperations", Map.of()).path("Operations")).isEmpty();
    }

    @Test
    void namespacesAreRegional() {
        String id = httpNamespace("regional");
        cm.region = "eu-west-1";
        fails("NamespaceNotFound", "GetNamespace", Map.of("Id", id));
        fails("NamespaceNotFound", "GetNamespace",
                Map.of("Id", "arn:aws:servicediscovery:us-east-1:123456789012:namespace/" + id));
        assertThat(ok("ListNamespaces", Map.of()).path("Namespaces")).isEmpty();
        String other = httpNamespace("regional");
        assertThat(ok("GetNamespace", Map.of("Id", other)).path("Namespace").path("Arn").asText())
                .startsWith("arn:aws:servicediscovery:eu-west-1:");
        cm.region = "us-east-1";
        assertThat(ok("ListNamespaces", Map.of()).path("Namespaces")).hasSize(1);
    }

    @Test
    void listFiltersByTypeNameAndHttpName() {
        httpNamespace("alpha");
        httpNamespace("alpine");
        privateNamespace("beta.internal");
        assertThat(names(Map.of("Name", "TYPE", "Values", List.of("HTTP")))).containsExactlyInAnyOrder("alpha",
                "alpine");
        assertThat(names(Map.of("Name", "TYPE", "Condition", "IN", "Values", List.of("DNS_PRIVATE", "DNS_PUBLIC"))))
                .containsExactly("beta.internal");
        assertThat(names(Map.of("Name", "NAME", "Condition", "BEGINS_WITH", "Values", List.of("alp"))))
                .containsExactlyInAnyOrder("alpha", "alpine");
        assertThat(names(Map.of("Name", "HTTP_NAME", "Values", List.of("alpine")))).containsExactly("alpine");
        assertThat(names(Map.of("Name", "NAME", "Values", List.of("nothing")))).isEmpty();

        fails("InvalidInput", "ListNamespaces", Map.of("Filters", List.of(Map.of("Name", "COLOR", "Values",
                List.of("x")))));
        fails("InvalidInput", "ListNamespaces", Map.of("Filters", List.of(Map.of("Name", "TYPE", "Values",
                List.of("NOT_A_TYPE")))));
        fails("InvalidInput", "ListNamespaces", Map.of("Filters", List.of(Map.of("Name", "TYPE", "Values",
                List.of("HTTP", "DNS_PUBLIC")))));
        fails("InvalidInput", "ListNamespaces", Map.of("Filters", List.of(Map.of("Name", "NAME", "Condition", "IN",
                "Values", List.of("alpha")))));
        fails("InvalidInput", "ListNamespaces", Map.of("Filters", List.of(Map.of("Name", "TYPE", "Condition",
                "BETWEEN", "Values", List.of("HTTP", "HTTP")))));
    }

    private List<String> names(Map<String, ?> filter) {
        return texts(all("ListNamespaces", Map.of("Filters", List.of(filter)), "Namespaces"), n -> n.path("Name"));
    }

    @Test
    void paginationVisitsEveryNamespaceOnceAndEnds() {
        for (int i = 0; i < 7; i++) {
            httpNamespace("page-" + i);
        }
        List<JsonNode> pages = all("ListNamespaces", Map.of("MaxResults", 3), "Namespaces");
        assertThat(texts(pages, n -> n.path("Name"))).hasSize(7).doesNotHaveDuplicates();
        JsonNode first = ok("ListNamespaces", Map.of("MaxResults", 3));
        assertThat(first.path("Namespaces")).hasSize(3);
        assertThat(first.path("Namespaces").get(0).has("CreatorRequestId")).as("summaries omit it").isFalse();
        fails("InvalidInput", "ListNamespaces", Map.of("MaxResults", 0));
        fails("InvalidInput", "ListNamespaces", Map.of("MaxResults", 101));
        fails("InvalidInput", "ListNamespaces", Map.of("NextToken", "not-a-token"));
    }

    @Test
    void deleteRefusesWhileServicesExistThenRecordsTheOperation() {
        String ns = httpNamespace("busy");
        String srv = service(ns, "api").path("Id").asText();
        assertThat(ok("GetNamespace", Map.of("Id", ns)).path("Namespace").path("ServiceCount").asInt()).isEqualTo(1);
        fails("ResourceInUse", "DeleteNamespace", Map.of("Id", ns));
        ok("DeleteService", Map.of("Id", srv));
        String op = ok("DeleteNamespace", Map.of("Id", ns)).path("OperationId").asText();
        JsonNode operation = ok("GetOperation", Map.of("OperationId", op)).path("Operation");
        assertThat(operation.path("Type").asText()).isEqualTo("DELETE_NAMESPACE");
        assertThat(operation.path("Targets").path("NAMESPACE").asText()).isEqualTo(ns);
        assertThat(operation.path("CreateDate").isNumber()).isTrue();
        fails("NamespaceNotFound", "GetNamespace", Map.of("Id", ns));
        fails("NamespaceNotFound", "DeleteNamespace", Map.of("Id", ns));
        fails("InvalidInput", "DeleteNamespace", Map.of());
    }

    @Test
    void namespacesSurviveARestart() throws Exception {
        String ns = httpNamespace("durable");
        String srv = service(ns, "api").path("Id").asText();
        register(srv, "i-1", Map.of("k", "v"));
        cm.restart();
        assertThat(ok("GetNamespace", Map.of("Id", ns)).path("Namespace").path("Name").asText()).isEqualTo("durable");
        assertThat(ok("GetInstance", Map.of("ServiceId", srv, "InstanceId", "i-1")).path("Instance")
                .path("Attributes").path("k").asText()).isEqualTo("v");
    }
}
