package dev.mooring.control.cloudmap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The catalog ECS writes through and the zones DNS reads, checked against what the API then shows. */
class CloudMapStateTest extends CloudMapTestBase {

    @Test
    void everyCloudMapOperationOfTheIssueIsRouted() {
        List<String> operations = List.of("CreateHttpNamespace", "CreatePrivateDnsNamespace",
                "CreatePublicDnsNamespace", "DeleteNamespace", "GetNamespace", "ListNamespaces", "CreateService",
                "GetService", "UpdateService", "ListServices", "DeleteService", "RegisterInstance",
                "DeregisterInstance", "ListInstances", "GetInstance", "DiscoverInstances", "GetInstancesHealthStatus",
                "UpdateInstanceCustomHealthStatus", "GetOperation", "ListOperations", "TagResource", "UntagResource",
                "ListTagsForResource");
        assertThat(cm.targets()).containsAll(operations.stream().map(o -> CloudMapFixture.TARGET + o).toList());
    }

    @Test
    void catalogCreatesServiceConnectResourcesThatTheApiSees() {
        CloudMapState state = cm.state();
        Instant now = Instant.now();
        Namespace ns = cm.store().write(tx -> state.createHttpNamespace(tx, "us-east-1", "123456789012",
                "service-connect", now));
        assertThat(ns.type()).isEqualTo(Namespace.HTTP);
        assertThat(ns.creatorRequestId()).isEqualTo("service-connect");
        Namespace again = cm.store().write(tx -> state.createHttpNamespace(tx, "us-east-1", "123456789012",
                "service-connect", now));
        assertThat(again.id()).isEqualTo(ns.id());
        Optional<Namespace> byArn = cm.store().write(tx -> state.findNamespace(tx, "us-east-1", ns.arn()));
        Optional<Namespace> byName = cm.store().write(tx -> state.findNamespace(tx, "us-east-1", "service-connect"));
        Optional<Namespace> elsewhere = cm.store().write(tx -> state.findNamespace(tx, "eu-west-1",
                "service-connect"));
        assertThat(byArn).contains(ns);
        assertThat(byName).contains(ns);
        assertThat(elsewhere).isEmpty();

        CloudMapService svc = cm.store().write(tx -> state.ensureHttpService(tx, ns, "backend", now));
        assertThat(cm.store().write(tx -> state.ensureHttpService(tx, ns, "backend", now)).id()).isEqualTo(svc.id());
        cm.store().write(tx -> {
            state.registerInstance(tx, svc, "0123456789abcdef0123456789abcdef",
                    Map.of("AWS_INSTANCE_IPV4", "198.18.1.2", "AWS_INSTANCE_PORT", "8080"), now);
            return null;
        });

        JsonNode got = ok("GetService", Map.of("Id", svc.arn())).path("Service");
        assertThat(got.path("Type").asText()).isEqualTo("HTTP");
        assertThat(got.has("DnsConfig")).isFalse();
        assertThat(got.path("InstanceCount").asInt()).isEqualTo(1);
        JsonNode found = ok("DiscoverInstances", Map.of("NamespaceName", "service-connect",
                "ServiceName", "backend")).path("Instances");
        assertThat(found).hasSize(1);
        assertThat(found.get(0).path("Attributes").path("AWS_INSTANCE_PORT").asText()).isEqualTo("8080");
        assertThat(ok("GetNamespace", Map.of("Id", ns.id())).path("Namespace").path("Properties")
                .path("DnsProperties").path("SOA").size()).isZero();

        boolean deletedWhileBusy = cm.store().write(tx -> state.deleteServiceIfEmpty(tx, svc.arn()));
        assertThat(deletedWhileBusy).isFalse();
        cm.store().write(tx -> {
            state.deregisterInstance(tx, svc, "0123456789abcdef0123456789abcdef");
            return null;
        });
        boolean deleted = cm.store().write(tx -> state.deleteServiceIfEmpty(tx, svc.arn()));
        assertThat(deleted).isTrue();
        fails("ServiceNotFound", "GetService", Map.of("Id", svc.id()));
        Optional<CloudMapService> gone = cm.store().write(tx -> state.findServiceByArn(tx, "us-east-1", svc.arn()));
        assertThat(gone).isEmpty();
    }

    @Test
    void dnsZonesListDnsNamespacesWithTheirRecordsAndHealth() {
        httpNamespace("not-dns");
        String ns = privateNamespace("corp.internal");
        String db = ok("CreateService", Map.of("Name", "db", "NamespaceId", ns, "DnsConfig",
                Map.of("DnsRecords", List.of(Map.of("Type", "A", "TTL", 5))), "HealthCheckCustomConfig", Map.of()))
                .path("Service").path("Id").asText();
        service(ns, "api-only");
        register(db, "up", Map.of("AWS_INSTANCE_IPV4", "198.18.2.1"));
        register(db, "down", Map.of("AWS_INSTANCE_IPV4", "198.18.2.2", "AWS_INIT_HEALTH_STATUS", "UNHEALTHY"));

        List<DnsZone> zones = cm.state().dnsZones("us-east-1");
        assertThat(zones).hasSize(1);
        DnsZone zone = zones.getFirst();
        assertThat(zone.namespace().name()).isEqualTo("corp.internal");
        assertThat(zone.namespace().properties().dnsProperties().soa().ttl()).isEqualTo(15L);
        assertThat(zone.services()).hasSize(1);
        DnsZone.Service service = zone.services().getFirst();
        assertThat(service.service().dnsConfig().dnsRecords().getFirst().ttl()).isEqualTo(5L);
        assertThat(service.endpoints()).filteredOn(DnsZone.Endpoint::answersDns)
                .extracting(e -> e.attributes().get("AWS_INSTANCE_IPV4")).containsExactly("198.18.2.1");
        assertThat(cm.state().dnsZones("eu-west-1")).isEmpty();
    }
}
