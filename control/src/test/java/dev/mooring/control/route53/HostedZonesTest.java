package dev.mooring.control.route53;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mooring.core.operation.ServiceException;
import dev.mooring.store.Store;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostedZonesTest {
    @TempDir
    Path dir;
    private Store store;
    private HostedZones zones;

    @BeforeEach
    void open() {
        store = Store.open(dir);
        zones = new HostedZones(store, Clock.systemUTC());
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void zonesAndRecordSetsPersistInCanonicalForm() {
        HostedZone zone = zones.createHostedZone("Yelb.Internal", "sample");
        zones.upsert(ResourceRecordSet.a(zone.id(), "Web.yelb.internal", 60, List.of("198.18.0.4", "198.18.0.5")));
        zones.upsert(ResourceRecordSet.alias(zone.id(), "yelb-appserver.yelb.internal", "lb.elb.mooring.internal"));
        store.close();

        store = Store.open(dir);
        zones = new HostedZones(store, Clock.systemUTC());
        assertThat(zones.hostedZone(zone.id())).get().extracting(HostedZone::name).isEqualTo("yelb.internal.");
        assertThat(zones.recordSets(zone.id())).extracting(ResourceRecordSet::name)
                .containsExactly("web.yelb.internal.", "yelb-appserver.yelb.internal.");
        assertThat(zones.recordSets(zone.id()).get(1).aliasTarget().dnsName()).isEqualTo("lb.elb.mooring.internal.");
    }

    @Test
    void upsertReplacesTheSameNameAndType() {
        HostedZone zone = zones.createHostedZone("yelb.internal", null);
        zones.upsert(ResourceRecordSet.a(zone.id(), "web.yelb.internal", 60, List.of("198.18.0.4")));
        zones.upsert(ResourceRecordSet.a(zone.id(), "web.yelb.internal.", 30, List.of("198.18.0.9")));

        assertThat(zones.recordSets(zone.id())).singleElement().satisfies(r -> {
            assertThat(r.ttl()).isEqualTo(30);
            assertThat(r.values()).containsExactly("198.18.0.9");
        });
    }

    @Test
    void badRecordSetsAreRefusedWithRoute53Codes() {
        HostedZone zone = zones.createHostedZone("yelb.internal", null);

        assertCode(() -> zones.upsert(ResourceRecordSet.a("Znope", "web.yelb.internal", 60, List.of("198.18.0.4"))),
                "NoSuchHostedZone");
        assertCode(() -> zones.upsert(ResourceRecordSet.a(zone.id(), "web.other.internal", 60, List.of("1.2.3.4"))),
                "InvalidChangeBatch");
        assertCode(() -> zones.upsert(ResourceRecordSet.a(zone.id(), "web.yelb.internal", 60, List.of("1.2.3"))),
                "InvalidChangeBatch");
        assertCode(() -> zones.upsert(ResourceRecordSet.a(zone.id(), "web.yelb.internal", -1, List.of("1.2.3.4"))),
                "InvalidInput");
        assertCode(() -> zones.upsert(ResourceRecordSet.a(zone.id(), "bad..yelb.internal", 60, List.of("1.2.3.4"))),
                "InvalidInput");
        assertCode(() -> zones.upsert(new ResourceRecordSet(zone.id(), "web.yelb.internal", "A", null, 60L,
                List.of("1.2.3.4"), new ResourceRecordSet.AliasTarget(null, "lb.yelb.internal", false), null, null)),
                "InvalidChangeBatch");
        assertCode(() -> zones.upsert(new ResourceRecordSet(zone.id(), "web.yelb.internal", "MX", null, 60L,
                List.of("1.2.3.4"), null, null, null)), "InvalidInput");
        assertThat(zones.recordSets(zone.id())).isEmpty();
    }

    @Test
    void deleteRemovesARecordSetAndAZoneOnlyWhenEmpty() {
        HostedZone zone = zones.createHostedZone("yelb.internal", null);
        zones.upsert(ResourceRecordSet.a(zone.id(), "web.yelb.internal", 60, List.of("198.18.0.4")));

        assertCode(() -> zones.deleteHostedZone(zone.id()), "HostedZoneNotEmpty");
        assertCode(() -> zones.delete(zone.id(), "nope.yelb.internal", "A", null), "InvalidChangeBatch");
        zones.delete(zone.id(), "WEB.yelb.internal", "A", null);
        zones.deleteHostedZone(zone.id());

        assertThat(zones.hostedZones()).isEmpty();
    }

    @Test
    void oneZonePerName() {
        zones.createHostedZone("yelb.internal", null);

        assertCode(() -> zones.createHostedZone("YELB.internal.", null), "ConflictingDomainExists");
    }

    private static void assertCode(Runnable call, String code) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(ServiceException.class,
                e -> assertThat(e.code()).as(e.getMessage()).isEqualTo(code));
    }
}
