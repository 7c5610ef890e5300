package dev.mooring.server.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mooring.control.ControlPlane;
import dev.mooring.control.route53.HostedZone;
import dev.mooring.control.route53.ResourceRecordSet;
import dev.mooring.dns.DnsNames;
import dev.mooring.dns.RecordData;
import dev.mooring.dns.ResourceRecord;
import dev.mooring.dns.Zone;
import dev.mooring.dns.ZoneHolder;
import dev.mooring.store.Store;
import dev.mooring.task.simulated.SimulatedRuntime;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Control-plane state, changed through the Cloud Map API and the hosted-zone API, as the DNS snapshot shows it. */
class ZonePublisherTest {
    private static final String REGION = "us-east-1";
    private static final String NS = "yelb.cloudmap.internal";

    @TempDir
    Path dir;
    private Store store;
    private ControlPlane control;
    private CloudMapCalls cloudMap;
    private final ZoneHolder holder = new ZoneHolder();
    private ZonePublisher publisher;

    @BeforeEach
    void start() {
        store = Store.open(dir);
        Clock clock = Clock.systemUTC();
        control = new ControlPlane(store, new SimulatedRuntime(clock, Duration.ofMillis(50)), "123456789012", clock);
        cloudMap = CloudMapCalls.of(control);
        publisher = new ZonePublisher(store, holder, control.cloudMap(),
                List.of(ZonePublisher.Part.hostedZones(control.hostedZones())), ZonePublisher.DEFAULT_DEBOUNCE).start();
    }

    @AfterEach
    void stop() {
        publisher.close();
        control.close();
        control.runtime().close();
        store.close();
    }

    @Test
    void healthyCloudMapInstancesBecomeARecordsWithTheDnsConfigTtl() throws Exception {
        String nsId = cloudMap.privateNamespace(NS);
        String db = cloudMap.service("yelb-db", nsId, List.of(Map.of("Type", "A", "TTL", 10)));
        cloudMap.register(db, "task-a", Map.of("AWS_INSTANCE_IPV4", "198.18.0.5"));
        cloudMap.register(db, "task-b", Map.of("AWS_INSTANCE_IPV4", "198.18.0.6"));
        cloudMap.register(db, "task-c", Map.of("AWS_INSTANCE_IPV4", "198.18.0.7"));
        cloudMap.call("UpdateInstanceCustomHealthStatus", Map.of("ServiceId", db, "InstanceId", "task-c",
                "Status", "UNHEALTHY"));

        await().atMost(5, TimeUnit.SECONDS).untilAsserted(() -> assertThat(records("yelb-db." + NS))
                .containsExactlyInAnyOrder(a(10, "198.18.0.5"), a(10, "198.18.0.6")));
        assertThat(zone(NS).soaTtl()).isEqualTo(15);

        cloudMap.call("DeregisterInstance", Map.of("ServiceId", db, "InstanceId", "task-a"));

        await().atMost(5, TimeUnit.SECONDS).untilAsserted(() -> assertThat(records("yelb-db." + NS))
                .containsExactly(a(10, "198.18.0.6")));
    }

    @Test
    void srvRecordsPointAtAnInstanceHostNameWithItsOwnARecord() throws Exception {
        String nsId = cloudMap.privateNamespace(NS);
        String redis = cloudMap.service("yelb-redis", nsId, List.of(Map.of("Type", "A", "TTL", 10),
                Map.of("Type", "SRV", "TTL", 30)));
        cloudMap.register(redis, "abc123", Map.of("AWS_INSTANCE_IPV4", "198.18.0.9", "AWS_INSTANCE_PORT", "6379"));

        String target = "abc123.yelb-redis." + NS;
        await().atMost(5, TimeUnit.SECONDS).untilAsserted(() -> assertThat(records("yelb-redis." + NS))
                .containsExactlyInAnyOrder(a(10, "198.18.0.9"),
                        new ResourceRecord(30, new RecordData.Srv(1, 1, 6379, target))));
        assertThat(records(target)).containsExactly(a(10, "198.18.0.9"));
    }

    @Test
    void httpNamespacesAndApiOnlyServicesHaveNoZone() throws Exception {
        cloudMap.call("CreateHttpNamespace", Map.of("Name", "yelb.sc"));
        cloudMap.privateNamespace(NS);

        await().atMost(5, TimeUnit.SECONDS).untilAsserted(() ->
                assertThat(holder.current().zones()).extracting(Zone::apex).containsExactly(NS));
    }

    @Test
    void hostedZoneRecordsAndAliasesAreServed() {
        HostedZone zone = control.hostedZones().createHostedZone("yelb.internal", null);
        control.hostedZones().upsert(ResourceRecordSet.a(zone.id(), "lb.yelb.internal", 60,
                List.of("198.18.0.20", "198.18.0.21")));
        control.hostedZones().upsert(ResourceRecordSet.alias(zone.id(), "yelb-appserver.yelb.internal",
                "lb.yelb.internal"));

        await().atMost(5, TimeUnit.SECONDS).untilAsserted(() -> {
            assertThat(records("lb.yelb.internal")).containsExactlyInAnyOrder(a(60, "198.18.0.20"),
                    a(60, "198.18.0.21"));
            assertThat(records("yelb-appserver.yelb.internal"))
                    .containsExactly(new ResourceRecord(0, new RecordData.Alias("lb.yelb.internal.")));
        });
        assertThat(holder.current().serial()).isEqualTo(store.generation());
    }

    @Test
    void aChangeReadsAgainOnlyTheNamespaceItTouches() throws Exception {
        String yelb = cloudMap.privateNamespace(NS);
        String other = cloudMap.privateNamespace("other.internal");
        String db = cloudMap.service("yelb-db", yelb, List.of(Map.of("Type", "A", "TTL", 10)));
        String web = cloudMap.service("web", other, List.of(Map.of("Type", "A", "TTL", 10)));
        cloudMap.register(web, "task-w", Map.of("AWS_INSTANCE_IPV4", "198.18.0.8"));
        await().atMost(5, TimeUnit.SECONDS).untilAsserted(() -> assertThat(records("web.other.internal"))
                .containsExactly(a(10, "198.18.0.8")));
        String yelbArn = namespaceArn(yelb);
        String otherArn = namespaceArn(other);
        int yelbBefore = publisher.reads(yelbArn);
        int otherBefore = publisher.reads(otherArn);

        cloudMap.register(db, "task-a", Map.of("AWS_INSTANCE_IPV4", "198.18.0.5"));
        await().atMost(5, TimeUnit.SECONDS).untilAsserted(() -> assertThat(records("yelb-db." + NS))
                .containsExactly(a(10, "198.18.0.5")));
        cloudMap.call("DeregisterInstance", Map.of("ServiceId", db, "InstanceId", "task-a"));
        await().atMost(5, TimeUnit.SECONDS).untilAsserted(() -> assertThat(records("yelb-db." + NS)).isEmpty());

        assertThat(publisher.reads(yelbArn)).isGreaterThan(yelbBefore);
        assertThat(publisher.reads(otherArn)).as("a namespace nothing touched is kept, not read again")
                .isEqualTo(otherBefore);
        assertThat(records("web.other.internal")).containsExactly(a(10, "198.18.0.8"));
    }

    private String namespaceArn(String namespaceId) throws Exception {
        return cloudMap.call("GetNamespace", Map.of("Id", namespaceId)).path("Namespace").path("Arn").asText();
    }

    private Zone zone(String apex) {
        return holder.current().zoneFor(apex).orElseThrow();
    }

    private List<ResourceRecord> records(String name) {
        String key = DnsNames.normalize(name);
        return holder.current().zoneFor(key).map(z -> z.records(key)).orElse(List.of());
    }

    private static ResourceRecord a(long ttl, String ip) {
        return new ResourceRecord(ttl, RecordData.A.of(ip));
    }
}
