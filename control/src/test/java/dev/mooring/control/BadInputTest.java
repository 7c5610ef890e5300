package dev.mooring.control;

import static dev.mooring.control.ValidBodies.CLOUD_MAP;
import static dev.mooring.control.ValidBodies.ECS;
import static dev.mooring.control.ValidBodies.obj;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.mooring.api.awsjson.AwsJson;
import dev.mooring.api.awsjson.AwsJsonService;
import dev.mooring.control.HostileBodies.Case;
import dev.mooring.control.RawApi.Answer;
import dev.mooring.control.ValidBodies.Names;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile bodies for every operation of both services. Two sets of resources are seeded: the guarded set ("g-") is
 * the target of bodies that can never be valid, which must all be refused with a 4xx without a single store write;
 * the decoy set ("d-") is the target of bodies that may be valid, which may change it but must never get a 5xx or
 * hang. Afterwards the server still answers and the guarded resources read exactly as before.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BadInputTest {
    private static final long SEED = 20260101L;
    /** What no error text may show: Java class names, stack frames, library internals. */
    private static final Pattern LEAK = Pattern.compile(
            "Exception|\\bat dev\\.|\\b(java|javax|jdk|sun|dev\\.mooring|com\\.fasterxml)\\.[a-z]|jackson"
                    + "|Feature\\.|Constraints\\.");

    private MooringFixture mooring;
    private RawApi api;
    private AwsJson router;
    private Names guarded;
    private Names decoy;

    @BeforeAll
    void seed(@TempDir Path dir) {
        mooring = new MooringFixture(dir);
        api = new RawApi(mooring.endpoint());
        router = TestApi.awsJson(mooring.control());
        guarded = seed("g");
        decoy = seed("d");
        awaitQuiet();
    }

    @AfterAll
    void close() {
        mooring.close();
    }

    @Test
    @Order(0)
    void everyOperationHasAValidBody() {
        assertThat(ValidBodies.targets()).containsExactlyInAnyOrderElementsOf(router.targets());
        for (String target : ValidBodies.targets()) {
            assertThat(router.inputOf(target)).as(target).isPresent();
        }
    }

    @Test
    @Order(1)
    void bodiesThatCanNeverBeValidAreRefusedAndWriteNothing() {
        Map<String, JsonNode> before = snapshot();
        HostileBodies hostile = new HostileBodies(SEED);
        List<String> problems = new ArrayList<>();
        int sent = 0;
        for (String target : ValidBodies.targets()) {
            for (Case c : hostile.strict(target, input(target), mapper(target), ValidBodies.body(target, guarded),
                    ValidBodies.required(target))) {
                long generation = mooring.store().generation();
                Answer answer = api.post(target, c.body());
                check(c, answer, problems);
                if (mooring.store().generation() != generation) {
                    problems.add(c.target() + " | " + c.label() + " -> wrote to the store (" + answer.status() + ")");
                }
                sent++;
            }
        }
        assertThat(problems).as("%d problems among %d strict requests", problems.size(), sent).isEmpty();
        assertStillServing(before);
    }

    @Test
    @Order(2)
    void bodiesThatMayBeValidNeverHurtTheServer() {
        Map<String, JsonNode> before = snapshot();
        HostileBodies hostile = new HostileBodies(SEED + 1);
        List<String> problems = new ArrayList<>();
        int sent = 0;
        List<String> targets = ValidBodies.targets().stream()
                .sorted(Comparator.comparing(BadInputTest::destructive).thenComparing(t -> t)).toList();
        for (String target : targets) {
            for (Case c : hostile.lenient(target, input(target), mapper(target), ValidBodies.body(target, decoy))) {
                check(c, api.post(target, c.body()), problems);
                sent++;
            }
        }
        assertThat(problems).as("%d problems among %d lenient requests", problems.size(), sent).isEmpty();
        assertStillServing(before);
        assertTasksStillStart();
    }

    /** Whatever the barrage left behind, the reconcile loops still take a new task to RUNNING. */
    private void assertTasksStillStart() {
        Names fresh = new Names("h", null, null, null, null, null, null, null);
        api.call(ECS + "CreateCluster", obj("clusterName", fresh.cluster()));
        api.call(ECS + "RegisterTaskDefinition", obj("family", fresh.family(),
                "containerDefinitions", List.of(obj("name", "app", "image", "nginx:1.27"))));
        String taskArn = api.call(ECS + "RunTask", obj("cluster", fresh.cluster(), "taskDefinition", fresh.family()))
                .path("tasks").path(0).path("taskArn").asText();
        await().atMost(Duration.ofSeconds(20)).until(() -> api.call(ECS + "DescribeTasks", obj("cluster",
                fresh.cluster(), "tasks", List.of(taskArn))).path("tasks").path(0).path("lastStatus").asText(),
                "RUNNING"::equals);
    }

    /** Operations that remove what later bodies name run last, so the others still find their resources. */
    private static boolean destructive(String target) {
        String op = target.substring(target.indexOf('.') + 1);
        return op.startsWith("Delete") || op.startsWith("Deregister") || op.equals("StopTask")
                || op.equals("UntagResource");
    }

    private void check(Case c, Answer a, List<String> problems) {
        String where = c.target() + " | " + c.label() + " -> " + a.status() + " ";
        String shown = a.body().length() > 300 ? a.body().substring(0, 300) + "…" : a.body();
        if (a.status() == 0) {
            problems.add(where + "hang: " + shown);
            return;
        }
        if (a.status() >= 500 || a.status() < 200 || a.status() / 100 == 3) {
            problems.add(where + "not a 2xx or 4xx: " + shown);
            return;
        }
        if (c.strict() && a.ok()) {
            problems.add(where + "accepted a body that can never be valid: " + shown);
            return;
        }
        JsonNode json;
        try {
            json = a.json();
        } catch (IllegalStateException e) {
            problems.add(where + "answer is not JSON: " + shown);
            return;
        }
        if (!json.isObject()) {
            problems.add(where + "answer is not a JSON object: " + shown);
            return;
        }
        if (a.ok()) {
            return;
        }
        String messageMember = c.target().startsWith(ECS) ? "message" : "Message";
        String message = json.path(messageMember).asText("");
        if (json.path("__type").asText("").isBlank() || message.isBlank()) {
            problems.add(where + "no __type and " + messageMember + ": " + shown);
        } else if (LEAK.matcher(message).find()) {
            problems.add(where + "message shows internals: " + shown);
        }
    }

    private void assertStillServing(Map<String, JsonNode> before) {
        awaitQuiet();
        assertThat(api.post(ECS + "ListClusters", "{}".getBytes()).status()).isEqualTo(200);
        assertThat(api.post(CLOUD_MAP + "ListNamespaces", "{}".getBytes()).status()).isEqualTo(200);
        Map<String, JsonNode> after = snapshot();
        for (String key : before.keySet()) {
            assertThat(after.get(key)).as(key).isEqualTo(before.get(key));
        }
    }

    /** What the guarded resources look like through every describe and list that shows them. */
    private Map<String, JsonNode> snapshot() {
        Names g = guarded;
        Map<String, JsonNode> s = new LinkedHashMap<>();
        s.put("DescribeClusters", api.call(ECS + "DescribeClusters", obj("clusters", List.of(g.cluster()),
                "include", List.of("TAGS"))));
        s.put("ListClusters", only(api.call(ECS + "ListClusters", obj()).path("clusterArns"), ":cluster/g-"));
        s.put("DescribeTaskDefinition", api.call(ECS + "DescribeTaskDefinition", obj("taskDefinition",
                g.family(), "include", List.of("TAGS"))));
        s.put("ListTaskDefinitions", api.call(ECS + "ListTaskDefinitions", obj("familyPrefix", g.family(),
                "status", "INACTIVE")));
        s.put("ListTaskDefinitionFamilies", api.call(ECS + "ListTaskDefinitionFamilies", obj("familyPrefix", "g",
                "status", "ALL")));
        s.put("DescribeServices", api.call(ECS + "DescribeServices", obj("cluster", g.cluster(),
                "services", List.of(g.service()), "include", List.of("TAGS"))));
        s.put("ListServices", api.call(ECS + "ListServices", obj("cluster", g.cluster())));
        s.put("ListServicesByNamespace", api.call(ECS + "ListServicesByNamespace", obj("namespace",
                g.namespace())));
        s.put("DescribeTasks", api.call(ECS + "DescribeTasks", obj("cluster", g.cluster(),
                "tasks", List.of(g.taskId()), "include", List.of("TAGS"))));
        s.put("ListTasks", api.call(ECS + "ListTasks", obj("cluster", g.cluster())));
        s.put("ListTagsForResource", api.call(ECS + "ListTagsForResource", obj("resourceArn", g.clusterArn())));
        s.put("GetNamespace", api.call(CLOUD_MAP + "GetNamespace", obj("Id", g.namespaceId())));
        s.put("ListNamespaces", onlyNamed(api.call(CLOUD_MAP + "ListNamespaces", obj()).path("Namespaces")));
        s.put("CloudMap ListServices", api.call(CLOUD_MAP + "ListServices", obj("Filters", List.of(
                obj("Name", "NAMESPACE_ID", "Values", List.of(g.namespaceId()))))));
        s.put("GetService", api.call(CLOUD_MAP + "GetService", obj("Id", g.cmServiceId())));
        s.put("ListInstances", api.call(CLOUD_MAP + "ListInstances", obj("ServiceId", g.cmServiceId())));
        s.put("GetInstance", api.call(CLOUD_MAP + "GetInstance", obj("ServiceId", g.cmServiceId(),
                "InstanceId", g.instance())));
        s.put("GetInstancesHealthStatus", api.call(CLOUD_MAP + "GetInstancesHealthStatus",
                obj("ServiceId", g.cmServiceId())));
        s.put("DiscoverInstances", api.call(CLOUD_MAP + "DiscoverInstances", obj("NamespaceName", g.namespace(),
                "ServiceName", g.cmService())));
        s.put("GetOperation", api.call(CLOUD_MAP + "GetOperation", obj("OperationId", g.operationId())));
        s.put("CloudMap ListTagsForResource", api.call(CLOUD_MAP + "ListTagsForResource",
                obj("ResourceARN", g.namespaceArn())));
        return s;
    }

    private static JsonNode only(JsonNode arns, String marker) {
        ArrayNode kept = RawApi.json().createArrayNode();
        arns.forEach(a -> {
            if (a.asText().contains(marker)) {
                kept.add(a);
            }
        });
        return kept;
    }

    private static JsonNode onlyNamed(JsonNode namespaces) {
        ArrayNode kept = RawApi.json().createArrayNode();
        namespaces.forEach(n -> {
            if (n.path("Name").asText().startsWith("g-")) {
                kept.add(n);
            }
        });
        return kept;
    }

    /** One set of resources of every kind, all named with {@code prefix}. */
    private Names seed(String prefix) {
        String nsOp = api.call(CLOUD_MAP + "CreateHttpNamespace", obj("Name", prefix + "-ns",
                "Tags", List.of(obj("Key", "team", "Value", "mooring")))).path("OperationId").asText();
        String namespaceId = await().atMost(Duration.ofSeconds(10)).until(() -> api.call(CLOUD_MAP + "GetOperation",
                obj("OperationId", nsOp)).path("Operation"), op -> op.path("Status").asText().equals("SUCCESS"))
                .path("Targets").path("NAMESPACE").asText();
        String namespaceArn = api.call(CLOUD_MAP + "GetNamespace", obj("Id", namespaceId))
                .path("Namespace").path("Arn").asText();
        JsonNode cm = api.call(CLOUD_MAP + "CreateService", obj("Name", prefix + "-cm", "NamespaceId", namespaceId,
                "HealthCheckCustomConfig", obj("FailureThreshold", 1), "Type", "HTTP")).path("Service");
        String instanceOp = api.call(CLOUD_MAP + "RegisterInstance", obj("ServiceId", cm.path("Id").asText(),
                "InstanceId", prefix + "-i1", "Attributes", obj("AWS_INSTANCE_IPV4", "198.18.0.8",
                        "AWS_INSTANCE_PORT", "80", "color", "blue"))).path("OperationId").asText();
        String clusterArn = api.call(ECS + "CreateCluster", obj("clusterName", prefix + "-cluster",
                "tags", List.of(obj("key", "team", "value", "mooring")))).path("cluster").path("clusterArn").asText();
        Names partial = new Names(prefix, clusterArn, null, namespaceId, namespaceArn, cm.path("Id").asText(),
                cm.path("Arn").asText(), instanceOp);
        api.call(ECS + "RegisterTaskDefinition", ValidBodies.body(ECS + "RegisterTaskDefinition", partial));
        api.call(ECS + "CreateService", obj("cluster", partial.cluster(), "serviceName", partial.service(),
                "taskDefinition", partial.family(), "desiredCount", 0, "launchType", "FARGATE",
                "serviceConnectConfiguration", obj("enabled", true, "namespace", partial.namespace(),
                        "services", List.of(obj("portName", "http", "discoveryName", prefix + "-disc",
                                "clientAliases", List.of(obj("port", 8080)))))));
        String taskArn = api.call(ECS + "RunTask", obj("cluster", partial.cluster(), "taskDefinition",
                partial.family(), "startedBy", "seed")).path("tasks").path(0).path("taskArn").asText();
        String taskId = taskArn.substring(taskArn.lastIndexOf('/') + 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> api.call(ECS + "DescribeTasks", obj("cluster",
                partial.cluster(), "tasks", List.of(taskId))).path("tasks").path(0).path("lastStatus").asText(),
                "RUNNING"::equals);
        return new Names(prefix, clusterArn, taskId, namespaceId, namespaceArn, cm.path("Id").asText(),
                cm.path("Arn").asText(), instanceOp);
    }

    /** Until a full pass of the reconcile loops goes by without a store write. */
    private void awaitQuiet() {
        long[] last = {-1};
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(1300)).until(() -> {
            long now = mooring.store().generation();
            boolean quiet = now == last[0];
            last[0] = now;
            return quiet;
        });
    }

    private Class<?> input(String target) {
        return router.inputOf(target).orElseThrow();
    }

    private static ObjectMapper mapper(String target) {
        return target.startsWith(ECS) ? AwsJsonService.ECS.mapper() : AwsJsonService.CLOUD_MAP.mapper();
    }
}
