package dev.mooring.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InterimMetricsTest {
    private static final DemoMetrics.MetricQuery INTERNAL = new DemoMetrics.MetricQuery("AWS/ApplicationELB",
            "RequestCount", Map.of("LoadBalancer", "app/internal/1"));

    @Test
    void procNetTcpSpellsAddressesLittleEndianAndPortsBigEndian() {
        assertThat(InterimMetrics.hexAddress("127.0.0.1", 4567)).isEqualTo("0100007F:11D7");
        assertThat(InterimMetrics.hexAddress("198.18.213.5", 80)).isEqualTo("05D512C6:0050");
    }

    @Test
    void countsEachConnectionToTheListenerOnceAndNothingElse() throws Exception {
        try (InterimMetrics metrics = new InterimMetrics(Clock.systemUTC(), Path.of("/proc/net"));
             ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             ServerSocket other = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Instant from = Instant.now();
            metrics.watch("app/internal/1", "127.0.0.1", listener.getLocalPort());
            try (Socket a = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort());
                 Socket b = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort());
                 Socket c = new Socket(InetAddress.getLoopbackAddress(), other.getLocalPort())) {
                metrics.sampleOnce();
                metrics.sampleOnce();
            }
            Instant to = Instant.now().plusSeconds(1);
            assertThat(metrics.sum(INTERNAL, from, to)).hasValue(2);
            assertThat(metrics.sum(INTERNAL, to, to.plusSeconds(1))).hasValue(0);
            assertThat(metrics.sum(new DemoMetrics.MetricQuery("AWS/ApplicationELB", "RequestCount",
                    Map.of("LoadBalancer", "app/public/2")), from, to)).isEmpty();
            assertThat(metrics.sum(new DemoMetrics.MetricQuery("AWS/ECS", "RequestCount", Map.of()), from, to))
                    .isEmpty();
        }
    }
}
