package dev.mooring.server.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mooring.control.ControlPlane;
import dev.mooring.control.route53.HostedZone;
import dev.mooring.control.route53.ResourceRecordSet;
import dev.mooring.store.Store;
import dev.mooring.task.simulated.SimulatedRuntime;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The assembled DNS, asked with dig, follows the control plane. */
class MooringDnsTest {
    @TempDir
    Path dir;
    private Store store;
    private ControlPlane control;
    private MooringDns dns;

    @BeforeEach
    void start() {
        store = Store.open(dir);
        Clock clock = Clock.systemUTC();
        control = new ControlPlane(store, new SimulatedRuntime(clock, Duration.ofMillis(50)), "123456789012", clock);
        dns = MooringDns.start(control, InetAddress.getLoopbackAddress(), 0, null);
    }

    @AfterEach
    void stop() {
        dns.close();
        control.close();
        control.runtime().close();
        store.close();
    }

    @Test
    void digResolvesCloudMapInstancesAndHostedZoneAliases() throws Exception {
        assertThat(Arrays.stream(System.getenv().getOrDefault("PATH", "").split(":"))
                .map(d -> Path.of(d, "dig")).anyMatch(Files::isExecutable))
                .as("dig must be on PATH (apt-get install dnsutils)").isTrue();
        CloudMapCalls cloudMap = CloudMapCalls.of(control);
        String ns = cloudMap.privateNamespace("yelb.cloudmap.internal");
        String db = cloudMap.service("yelb-db", ns, List.of(Map.of("Type", "A", "TTL", 10)));
        cloudMap.register(db, "task-a", Map.of("AWS_INSTANCE_IPV4", "198.18.0.5"));
        HostedZone zone = control.hostedZones().createHostedZone("yelb.internal", null);
        control.hostedZones().upsert(ResourceRecordSet.a(zone.id(), "lb.yelb.internal", 60, List.of("198.18.0.20")));
        control.hostedZones().upsert(ResourceRecordSet.alias(zone.id(), "yelb-appserver.yelb.internal",
                "lb.yelb.internal"));

        await().atMost(5, TimeUnit.SECONDS).untilAsserted(() -> {
            assertThat(dig("yelb-db.yelb.cloudmap.internal")).containsExactly("198.18.0.5");
            assertThat(dig("yelb-appserver.yelb.internal")).containsExactly("198.18.0.20");
        });
        assertThat(dig("nope.yelb.cloudmap.internal")).isEmpty();
    }

    private List<String> dig(String name) throws Exception {
        Process p = new ProcessBuilder("dig", "@127.0.0.1", "-p", Integer.toString(dns.address().getPort()), name,
                "A", "+short", "+time=2", "+tries=1").redirectErrorStream(true).start();
        await().atMost(10, TimeUnit.SECONDS).until(() -> !p.isAlive());
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        assertThat(p.exitValue()).as("dig output: %s", out).isZero();
        return Arrays.stream(out.split("\n")).filter(l -> !l.isBlank()).toList();
    }
}
