package dev.mooring.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.handler.codec.dns.DnsRecordType;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DnsServerTest {
    private static final String NS = "yelb.cloudmap.internal";
    private static final String DB = "yelb-db." + NS;

    private final ZoneHolder zones = new ZoneHolder();
    private final List<AutoCloseable> closeLater = new ArrayList<>();
    private DnsServer server;
    private TestResolver resolver;

    @BeforeEach
    void start() {
        zones.publish(ZoneSnapshot.builder().serial(7)
                .zone(NS, 15)
                .a(DB, 10, "198.18.0.5")
                .a(DB, 10, "198.18.0.6")
                .srv("yelb-redis." + NS, 30, 1, 1, 6379, "task1.yelb-redis." + NS)
                .a("task1.yelb-redis." + NS, 30, "198.18.0.9")
                .zone("yelb.internal", 60)
                .a("lb.yelb.internal", 60, "198.18.0.20")
                .alias("yelb-appserver.yelb.internal", "lb.yelb.internal")
                .build());
        server = DnsServer.builder().bind(InetAddress.getLoopbackAddress()).port(0).zones(zones).start();
        resolver = new TestResolver();
    }

    @AfterEach
    void stop() throws Exception {
        resolver.close();
        server.close();
        for (AutoCloseable c : closeLater) {
            c.close();
        }
    }

    @Test
    void answersEveryARecordWithItsTtl() throws Exception {
        TestResolver.Reply reply = resolver.query(server.address(), DB, DnsRecordType.A);

        assertThat(reply.rcode()).isEqualTo("NoError");
        assertThat(reply.authoritative()).isTrue();
        assertThat(reply.answerValues()).containsExactlyInAnyOrder("198.18.0.5", "198.18.0.6");
        assertThat(reply.answers()).allSatisfy(rr -> {
            assertThat(rr.ttl()).isEqualTo(10);
            assertThat(rr.type()).isEqualTo("A");
        });
    }

    @Test
    void namesAreCaseInsensitiveAndEchoedAsAsked() throws Exception {
        TestResolver.Reply reply = resolver.query(server.address(), "YELB-DB.Yelb.CloudMap.Internal.", DnsRecordType.A);

        assertThat(reply.answerValues()).containsExactlyInAnyOrder("198.18.0.5", "198.18.0.6");
        assertThat(reply.answers()).allSatisfy(rr -> assertThat(rr.name()).isEqualTo("YELB-DB.Yelb.CloudMap.Internal."));
    }

    @Test
    void answersSrvWithTheTargetAddressAsAdditionalData() throws Exception {
        TestResolver.Reply reply = resolver.query(server.address(), "yelb-redis." + NS, DnsRecordType.SRV);

        assertThat(reply.answers()).singleElement().satisfies(rr -> {
            assertThat(rr.value()).isEqualTo("1 1 6379 task1.yelb-redis." + NS + ".");
            assertThat(rr.ttl()).isEqualTo(30);
        });
        assertThat(reply.additional()).singleElement().satisfies(rr -> {
            assertThat(rr.name()).isEqualTo("task1.yelb-redis." + NS + ".");
            assertThat(rr.value()).isEqualTo("198.18.0.9");
        });
    }

    @Test
    void unknownNameInAZoneIsAuthoritativeNxdomainWithTheSoa() throws Exception {
        TestResolver.Reply reply = resolver.query(server.address(), "nope." + NS, DnsRecordType.A);

        assertThat(reply.rcode()).isEqualTo("NXDomain");
        assertThat(reply.authoritative()).isTrue();
        assertThat(reply.answers()).isEmpty();
        assertThat(reply.authority()).singleElement().satisfies(rr -> {
            assertThat(rr.type()).isEqualTo("SOA");
            assertThat(rr.name()).isEqualTo(NS + ".");
            assertThat(rr.value()).isEqualTo("ns." + NS + ". hostmaster." + NS + ". 7 7200 900 1209600 15");
        });
    }

    @Test
    void aaaaForAnExistingNameIsNoData() throws Exception {
        TestResolver.Reply reply = resolver.query(server.address(), DB, DnsRecordType.AAAA);

        assertThat(reply.rcode()).isEqualTo("NoError");
        assertThat(reply.answers()).isEmpty();
        assertThat(reply.authority()).extracting(TestResolver.Rr::type).containsExactly("SOA");
    }

    @Test
    void soaAtTheApex() throws Exception {
        TestResolver.Reply reply = resolver.query(server.address(), NS, DnsRecordType.SOA);

        assertThat(reply.answers()).singleElement().satisfies(rr -> assertThat(rr.ttl()).isEqualTo(15));
    }

    @Test
    void nameOutsideEveryZoneIsNxdomainWithoutUpstream() throws Exception {
        TestResolver.Reply reply = resolver.query(server.address(), "example.org", DnsRecordType.A);

        assertThat(reply.rcode()).isEqualTo("NXDomain");
        assertThat(reply.authoritative()).isFalse();
    }

    @Test
    void aliasAnswersWithTheTargetsAddressesUnderTheAliasName() throws Exception {
        TestResolver.Reply reply = resolver.query(server.address(), "yelb-appserver.yelb.internal", DnsRecordType.A);

        assertThat(reply.answers()).singleElement().satisfies(rr -> {
            assertThat(rr.name()).isEqualTo("yelb-appserver.yelb.internal.");
            assertThat(rr.value()).isEqualTo("198.18.0.20");
            assertThat(rr.ttl()).isEqualTo(60);
        });
    }

    @Test
    void aPublishedSnapshotIsServedOnTheNextQuery() throws Exception {
        zones.publish(ZoneSnapshot.builder().serial(8).zone(NS, 15).a(DB, 10, "198.18.0.7").build());

        assertThat(resolver.query(server.address(), DB, DnsRecordType.A).answerValues())
                .containsExactly("198.18.0.7");
    }

    @Test
    void tooManyAnswersForUdpAreTruncated() throws Exception {
        zones.publish(manyAddresses(40));

        TestResolver.Reply reply = resolver.query(server.address(), DB, DnsRecordType.A);

        assertThat(reply.truncated()).isTrue();
        assertThat(reply.answers()).hasSizeBetween(1, 39);
    }

    @Test
    void forwardsOtherNamesToTheUpstreamAndRelaysItsAnswer() throws Exception {
        ZoneHolder upstreamZones = new ZoneHolder();
        upstreamZones.publish(ZoneSnapshot.builder().zone("example.test", 300).a("www.example.test", 300, "127.0.0.9")
                .build());
        DnsServer upstream = DnsServer.builder().port(0).zones(upstreamZones).start();
        closeLater.add(upstream);
        DnsServer front = DnsServer.builder().port(0).zones(zones).upstream(upstream.address()).start();
        closeLater.add(front);

        TestResolver.Reply relayed = resolver.query(front.address(), "WWW.example.test", DnsRecordType.A);
        TestResolver.Reply own = resolver.query(front.address(), DB, DnsRecordType.A);

        assertThat(relayed.rcode()).isEqualTo("NoError");
        assertThat(relayed.answers()).singleElement().satisfies(rr -> {
            assertThat(rr.name()).isEqualTo("WWW.example.test.");
            assertThat(rr.value()).isEqualTo("127.0.0.9");
            assertThat(rr.ttl()).isEqualTo(300);
        });
        assertThat(own.answerValues()).containsExactlyInAnyOrder("198.18.0.5", "198.18.0.6");
    }

    @Test
    void upstreamThatNeverAnswersGivesServfail() throws Exception {
        DatagramSocket silent = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        closeLater.add(silent);
        DnsServer front = DnsServer.builder().port(0).zones(zones)
                .upstream(new InetSocketAddress(InetAddress.getLoopbackAddress(), silent.getLocalPort()))
                .upstreamTimeout(Duration.ofMillis(300)).start();
        closeLater.add(front);

        TestResolver.Reply reply = resolver.query(front.address(), "example.org", DnsRecordType.A);

        assertThat(reply.rcode()).isEqualTo("ServFail");
    }

    @Test
    void digGetsMultivalueAnswersAndRetriesTruncatedOnesOverTcp() throws Exception {
        assertThat(onPath("dig")).as("dig must be on PATH (apt-get install dnsutils)").isPresent();

        assertThat(dig(DB, "A")).containsExactlyInAnyOrder("198.18.0.5", "198.18.0.6");
        assertThat(dig("yelb-redis." + NS, "SRV")).containsExactly("1 1 6379 task1.yelb-redis." + NS + ".");

        zones.publish(manyAddresses(40));
        // dig sees TC over UDP and asks again over TCP, where all 40 fit
        assertThat(dig(DB, "A")).hasSize(40);
    }

    @Test
    void digGetsAaaaTxtAndCnamesFollowedWithinTheSnapshot() throws Exception {
        assertThat(onPath("dig")).as("dig must be on PATH (apt-get install dnsutils)").isPresent();
        zones.publish(ZoneSnapshot.builder().zone("yelb.internal", 60)
                .a("lb.yelb.internal", 60, "198.18.0.20")
                .aaaa("lb.yelb.internal", 60, "fd00::20")
                .cname("www.yelb.internal", 30, "lb.yelb.internal")
                .cname("far.yelb.internal", 30, "elsewhere.example")
                .txt("lb.yelb.internal", 60, List.of("v=1", "with \"quote\""))
                .alias("api.yelb.internal", "lb.yelb.internal")
                .build());

        assertThat(dig("lb.yelb.internal", "AAAA")).containsExactly("fd00::20");
        assertThat(dig("api.yelb.internal", "AAAA")).containsExactly("fd00::20");
        assertThat(dig("lb.yelb.internal", "TXT")).containsExactly("\"v=1\" \"with \\\"quote\\\"\"");
        assertThat(dig("www.yelb.internal", "A")).containsExactly("lb.yelb.internal.", "198.18.0.20");
        assertThat(dig("www.yelb.internal", "CNAME")).containsExactly("lb.yelb.internal.");
        // a target outside Mooring's zones is left to the client to resolve
        assertThat(dig("far.yelb.internal", "A")).containsExactly("elsewhere.example.");
        assertThat(dig("lb.yelb.internal", "CNAME")).isEmpty();
    }

    private static ZoneSnapshot manyAddresses(int count) {
        ZoneSnapshot.Builder b = ZoneSnapshot.builder().zone(NS, 15);
        for (int i = 1; i <= count; i++) {
            b.a(DB, 10, "198.18.1." + i);
        }
        return b.build();
    }

    private static Optional<Path> onPath(String tool) {
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(":"))
                .map(dir -> Path.of(dir, tool)).filter(Files::isExecutable).findFirst();
    }

    private List<String> dig(String name, String type) throws Exception {
        Process p = new ProcessBuilder("dig", "@127.0.0.1", "-p", Integer.toString(server.address().getPort()),
                name, type, "+short", "+time=2", "+tries=1").redirectErrorStream(true).start();
        await().atMost(10, TimeUnit.SECONDS).until(() -> !p.isAlive());
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        assertThat(p.exitValue()).as("dig output: %s", out).isZero();
        return Arrays.stream(out.split("\n")).filter(l -> !l.isBlank()).toList();
    }
}
