package dev.mooring.control.ecs;

import static dev.mooring.control.ecs.EcsTestSupport.error;
import static dev.mooring.control.ecs.EcsTestSupport.registerWeb;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.CreateServiceRequest;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceConnectClientAlias;
import software.amazon.awssdk.services.ecs.model.ServiceConnectService;
import software.amazon.awssdk.services.ecs.model.ServiceRegistry;

class ServiceConnectTest extends EcsTestBase {
    String namespaceArn;

    @BeforeEach
    void start() {
        namespaceArn = ecs.createCluster(b -> b.clusterName("apps").serviceConnectDefaults(d -> d
                .namespace("internal"))).cluster().serviceConnectDefaults().namespace();
        registerWeb(ecs, "db", "http", 8080);
    }

    private static ServiceConnectService scService(String portName, String discoveryName, Integer aliasPort,
                                                   String dnsName) {
        ServiceConnectService.Builder b = ServiceConnectService.builder().portName(portName)
                .discoveryName(discoveryName);
        if (aliasPort != null) {
            b.clientAliases(ServiceConnectClientAlias.builder().port(aliasPort).dnsName(dnsName).build());
        }
        return b.build();
    }

    private Service createDb(Consumer<CreateServiceRequest.Builder> extra) {
        return ecs.createService(b -> {
            b.cluster("apps").serviceName("db").taskDefinition("db").desiredCount(2)
                    .serviceConnectConfiguration(sc -> sc.enabled(true).services(scService("http", "db", 5432,
                            null)));
            extra.accept(b);
        }).service();
    }

    private Service describe(String name) {
        return ecs.describeServices(b -> b.cluster("apps").services(name)).services().getFirst();
    }

    private void awaitStable(String name, int running) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            Service s = describe(name);
            assertThat(s.deployments()).hasSize(1);
            assertThat(s.runningCount()).isEqualTo(running);
        });
    }

    private JsonNode instances(String cloudMapServiceArn) {
        String id = cloudMapServiceArn.substring(cloudMapServiceArn.lastIndexOf('/') + 1);
        return mooring.cloudMap("ListInstances", "{\"ServiceId\":\"" + id + "\"}").path("Instances");
    }

    private List<String> namespaceServices() {
        return ecs.listServicesByNamespace(b -> b.namespace("internal")).serviceArns();
    }

    @Test
    void serviceConnectLivesOnTheDeploymentAndRegistersRunningTasks() {
        Service db = createDb(b -> { });
        Deployment d = db.deployments().getFirst();
        assertThat(d.serviceConnectConfiguration().enabled()).isTrue();
        assertThat(d.serviceConnectConfiguration().namespace()).isEqualTo("internal");
        assertThat(d.serviceConnectResources()).singleElement().satisfies(r -> {
            assertThat(r.discoveryName()).isEqualTo("db");
            assertThat(r.discoveryArn()).matches("arn:aws:servicediscovery:us-east-1:123456789012:service/srv-"
                    + "[a-z0-9]{16}");
        });
        String cmArn = d.serviceConnectResources().getFirst().discoveryArn();
        JsonNode cm = mooring.cloudMap("GetService", "{\"Id\":\"" + cmArn.substring(cmArn.lastIndexOf('/') + 1)
                + "\"}").path("Service");
        assertThat(cm.path("Type").asText()).isEqualTo("HTTP");
        assertThat(cm.has("DnsConfig")).isFalse();
        assertThat(cm.path("Name").asText()).isEqualTo("db");
        assertThat(namespaceServices()).containsExactly(db.serviceArn());
        assertThat(ecs.listServicesByNamespace(b -> b.namespace(namespaceArn)).serviceArns())
                .containsExactly(db.serviceArn());

        awaitStable("db", 2);
        await().atMost(Duration.ofSeconds(10)).until(() -> instances(cmArn).size() == 2);
        List<String> taskIds = ecs.listTasks(b -> b.cluster("apps").serviceName("db")).taskArns().stream()
                .map(Arns::lastSegment).toList();
        List<String> ids = new ArrayList<>();
        instances(cmArn).forEach(i -> {
            ids.add(i.path("Id").asText());
            JsonNode a = i.path("Attributes");
            assertThat(a.path("AWS_INSTANCE_IPV4").asText()).startsWith("198.18.");
            assertThat(a.path("AWS_INSTANCE_PORT").asText()).isEqualTo("8080");
            assertThat(a.path("AVAILABILITY_ZONE").asText()).isEqualTo("us-east-1a");
            assertThat(a.path("REGION").asText()).isEqualTo("us-east-1");
            assertThat(a.path("ECS_SERVICE_NAME").asText()).isEqualTo("db");
            assertThat(a.path("ECS_CLUSTER_NAME").asText()).isEqualTo("apps");
            assertThat(a.path("ECS_TASK_DEFINITION_FAMILY").asText()).isEqualTo("db");
        });
        assertThat(ids).containsExactlyInAnyOrderElementsOf(taskIds);

        // an SC change is a new deployment; the old one drains and leaves
        Service updated = ecs.updateService(b -> b.cluster("apps").service("db").serviceConnectConfiguration(sc -> sc
                .enabled(true).namespace("internal").services(ServiceConnectService.builder().portName("http")
                        .discoveryName("db").ingressPortOverride(15000)
                        .clientAliases(ServiceConnectClientAlias.builder().port(5432).build()).build()))).service();
        assertThat(updated.deployments()).extracting(Deployment::status).containsExactly("PRIMARY", "ACTIVE");
        assertThat(updated.deployments().getFirst().serviceConnectResources().getFirst().discoveryArn())
                .isEqualTo(cmArn);
        awaitStable("db", 2);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode now = instances(cmArn);
            assertThat(now).hasSize(2);
            now.forEach(i -> assertThat(i.path("Attributes").path("AWS_INSTANCE_PORT").asText()).isEqualTo("15000"));
        });
    }

    @Test
    void disablingServiceConnectRemovesTheCloudMapServiceOnceItsInstancesAreGone() {
        Service db = createDb(b -> { });
        String cmArn = db.deployments().getFirst().serviceConnectResources().getFirst().discoveryArn();
        awaitStable("db", 2);
        await().atMost(Duration.ofSeconds(10)).until(() -> instances(cmArn).size() == 2);

        Service off = ecs.updateService(b -> b.cluster("apps").service("db").serviceConnectConfiguration(sc -> sc
                .enabled(false).services(scService("http", "db", 5432, null)))).service();
        assertThat(off.deployments().getFirst().serviceConnectConfiguration().enabled()).isFalse();
        assertThat(off.deployments().getFirst().serviceConnectResources()).isEmpty();
        awaitStable("db", 2);
        String id = cmArn.substring(cmArn.lastIndexOf('/') + 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> mooring.cloudMap("GetService", "{\"Id\":\"" + id + "\"}")
                .path("__type").asText().equals("ServiceNotFound"));
        assertThat(namespaceServices()).isEmpty();
    }

    @Test
    void deletingTheServiceRemovesItFromTheNamespace() {
        Service db = createDb(b -> b.desiredCount(1));
        String cmArn = db.deployments().getFirst().serviceConnectResources().getFirst().discoveryArn();
        awaitStable("db", 1);
        ecs.deleteService(b -> b.cluster("apps").service("db").force(true));
        await().atMost(Duration.ofSeconds(20)).until(() -> describe("db").status().equals("INACTIVE"));
        String id = cmArn.substring(cmArn.lastIndexOf('/') + 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> mooring.cloudMap("GetService", "{\"Id\":\"" + id + "\"}")
                .path("__type").asText().equals("ServiceNotFound"));
        assertThat(namespaceServices()).isEmpty();
    }

    @Test
    void validationRejectsBadConfigurationsAndAppliesNothing() {
        Service db = createDb(b -> b.desiredCount(0));
        registerWeb(ecs, "other", "api", 9000);
        record Case(String code, ServiceConnectService service, String namespace) {}
        List<Case> cases = List.of(
                new Case("InvalidParameterException", scService("api", "db", 6000, null), null),
                new Case("InvalidParameterException", scService("api", "other", 5432, "db.internal"), null),
                new Case("InvalidParameterException", ServiceConnectService.builder().portName("api")
                        .clientAliases(ServiceConnectClientAlias.builder().port(1).build(),
                                ServiceConnectClientAlias.builder().port(2).build()).build(), null),
                new Case("InvalidParameterException", scService("api", null, 70000, null), null),
                new Case("InvalidParameterException", scService("nope", null, 80, null), null),
                new Case("InvalidParameterException", scService("Bad_Name", null, 80, null), null),
                new Case("InvalidParameterException", scService("api", null, 80, "-bad"), null),
                new Case("InvalidParameterException", ServiceConnectService.builder().portName("api")
                        .ingressPortOverride(-1).build(), null),
                new Case("NamespaceNotFoundException", scService("api", null, 80, null), "nowhere"));
        for (Case c : cases) {
            error(c.code(), () -> ecs.createService(b -> b.cluster("apps").serviceName("other")
                    .taskDefinition("other").desiredCount(1).serviceConnectConfiguration(sc -> sc.enabled(true)
                            .namespace(c.namespace()).services(c.service()))));
        }
        error("InvalidParameterException", () -> ecs.updateService(b -> b.cluster("apps").service("db")
                .serviceConnectConfiguration(sc -> sc.enabled(true).services(scService("nope", null, 1, null)))));
        assertThat(namespaceServices()).containsExactly(db.serviceArn());
        assertThat(ecs.listServices(b -> b.cluster("apps")).serviceArns()).containsExactly(db.serviceArn());
        assertThat(describe("db").deployments()).hasSize(1);
        String nsId = namespaceArn.substring(namespaceArn.lastIndexOf('/') + 1);
        assertThat(mooring.cloudMap("ListServices", "{\"Filters\":[{\"Name\":\"NAMESPACE_ID\",\"Values\":[\""
                + nsId + "\"]}]}").path("Services")).hasSize(1);
        error("NamespaceNotFoundException", () -> ecs.listServicesByNamespace(b -> b.namespace("nowhere")));

        // a client-only service joins the namespace without exposing anything
        Service client = ecs.createService(b -> b.cluster("apps").serviceName("other").taskDefinition("other")
                .desiredCount(0).serviceConnectConfiguration(sc -> sc.enabled(true))).service();
        assertThat(client.deployments().getFirst().serviceConnectResources()).isEmpty();
        assertThat(namespaceServices()).containsExactlyInAnyOrder(db.serviceArn(), client.serviceArn());
    }

    @Test
    void serviceRegistriesRegisterHealthyInstances() {
        String nsId = namespaceArn.substring(namespaceArn.lastIndexOf('/') + 1);
        JsonNode registry = mooring.cloudMap("CreateService", "{\"Name\":\"registry\",\"NamespaceId\":\"" + nsId
                + "\",\"HealthCheckCustomConfig\":{\"FailureThreshold\":1}}").path("Service");
        String registryArn = registry.path("Arn").asText();
        ecs.createService(b -> b.cluster("apps").serviceName("plain").taskDefinition("db").desiredCount(2)
                .serviceRegistries(ServiceRegistry.builder().registryArn(registryArn).build()));
        awaitStable("plain", 2);
        await().atMost(Duration.ofSeconds(10)).until(() -> instances(registryArn).size() == 2);
        JsonNode health = mooring.cloudMap("GetInstancesHealthStatus", "{\"ServiceId\":\""
                + registry.path("Id").asText() + "\"}").path("Status");
        assertThat(health.size()).isEqualTo(2);
        health.forEach(h -> assertThat(h.asText()).isEqualTo("HEALTHY"));
        error("InvalidParameterException", () -> ecs.createService(b -> b.cluster("apps").serviceName("bad")
                .taskDefinition("db").desiredCount(1).serviceRegistries(ServiceRegistry.builder().registryArn(registryArn + "x").build())));
    }
}
