package dev.mooring.control.cloudmap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OperationsAndTagsTest extends CloudMapTestBase {

    @Test
    void listOperationsFiltersAndPaginates() {
        String ns = httpNamespace("apps");
        String srv = service(ns, "api").path("Id").asText();
        register(srv, "i-1", Map.of());
        register(srv, "i-2", Map.of());
        ok("DeregisterInstance", Map.of("ServiceId", srv, "InstanceId", "i-2"));

        List<JsonNode> every = all("ListOperations", Map.of("MaxResults", 1), "Operations");
        assertThat(every).hasSize(4);
        assertThat(texts(every, o -> o.path("Status"))).containsOnly("SUCCESS");
        assertThat(ops(Map.of("Name", "NAMESPACE_ID", "Values", List.of(ns)))).hasSize(1);
        assertThat(ops(Map.of("Name", "SERVICE_ID", "Values", List.of(srv)))).hasSize(3);
        assertThat(ops(Map.of("Name", "TYPE", "Condition", "IN", "Values",
                List.of("REGISTER_INSTANCE", "DEREGISTER_INSTANCE")))).hasSize(3);
        assertThat(ops(Map.of("Name", "STATUS", "Values", List.of("FAIL")))).isEmpty();
        long now = Instant.now().getEpochSecond();
        assertThat(ops(Map.of("Name", "UPDATE_DATE", "Condition", "BETWEEN",
                "Values", List.of(String.valueOf(now - 3600), String.valueOf(now + 3600))))).hasSize(4);
        assertThat(ops(Map.of("Name", "UPDATE_DATE", "Condition", "BETWEEN",
                "Values", List.of("0", "1000.5")))).isEmpty();

        fails("InvalidInput", "ListOperations", Map.of("Filters", List.of(Map.of("Name", "UPDATE_DATE",
                "Condition", "BETWEEN", "Values", List.of("yesterday", "today")))));
        fails("InvalidInput", "ListOperations", Map.of("Filters", List.of(Map.of("Name", "UPDATE_DATE",
                "Values", List.of("0")))));
        fails("InvalidInput", "ListOperations", Map.of("Filters", List.of(Map.of("Name", "STATUS",
                "Values", List.of("DONE")))));
        fails("OperationNotFound", "GetOperation", Map.of("OperationId", "nosuchoperation"));
        fails("InvalidInput", "GetOperation", Map.of());

        String op = every.getFirst().path("Id").asText();
        cm.region = "sa-east-1";
        fails("OperationNotFound", "GetOperation", Map.of("OperationId", op));
        assertThat(ok("ListOperations", Map.of()).path("Operations")).isEmpty();
    }

    private List<JsonNode> ops(Map<String, ?> filter) {
        return all("ListOperations", Map.of("Filters", List.of(filter)), "Operations");
    }

    @Test
    void tagsNamespacesAndServices() {
        String nsOp = ok("CreateHttpNamespace", Map.of("Name", "apps", "Tags",
                List.of(Map.of("Key", "team", "Value", "core")))).path("OperationId").asText();
        String nsArn = ok("GetNamespace", Map.of("Id", targetOf(nsOp, "NAMESPACE"))).path("Namespace")
                .path("Arn").asText();
        assertThat(tags(nsArn)).containsEntry("team", "core");

        ok("TagResource", Map.of("ResourceARN", nsArn, "Tags", List.of(Map.of("Key", "team", "Value", "edge"),
                Map.of("Key", "env", "Value", ""))));
        assertThat(tags(nsArn)).containsOnly(Map.entry("team", "edge"), Map.entry("env", ""));
        ok("UntagResource", Map.of("ResourceARN", nsArn, "TagKeys", List.of("team", "absent")));
        assertThat(tags(nsArn)).containsOnly(Map.entry("env", ""));

        String srvArn = ok("CreateService", Map.of("Name", "api", "NamespaceId", nsArn, "Tags",
                List.of(Map.of("Key", "tier", "Value", "web")))).path("Service").path("Arn").asText();
        assertThat(tags(srvArn)).containsOnly(Map.entry("tier", "web"));

        fails("ResourceNotFoundException", "ListTagsForResource", Map.of("ResourceARN",
                "arn:aws:servicediscovery:us-east-1:123456789012:namespace/ns-doesnotexist0000"));
        fails("ResourceNotFoundException", "TagResource", Map.of("ResourceARN", "ns-notanarn", "Tags", List.of()));
        fails("InvalidInput", "TagResource", Map.of("ResourceARN", nsArn));
        fails("InvalidInput", "UntagResource", Map.of("ResourceARN", nsArn));
        fails("InvalidInput", "TagResource", Map.of("ResourceARN", nsArn, "Tags",
                List.of(Map.of("Key", "k".repeat(129), "Value", "v"))));
        cm.region = "us-west-2";
        fails("ResourceNotFoundException", "ListTagsForResource", Map.of("ResourceARN", nsArn));
    }

    private Map<String, String> tags(String arn) {
        Map<String, String> out = new java.util.HashMap<>();
        ok("ListTagsForResource", Map.of("ResourceARN", arn)).path("Tags")
                .forEach(t -> out.put(t.path("Key").asText(), t.path("Value").asText()));
        return out;
    }
}
