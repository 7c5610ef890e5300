package dev.mooring.proxy.upstream;

import dev.mooring.proxy.Endpoint;
import dev.mooring.proxy.OutlierDetection;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The detector's arithmetic on a synthetic clock (nanoseconds from an arbitrary origin). */
class OutlierDetectorTest {
    private static final long S = 1_000_000_000L;
    private final OutlierDetector detector = new OutlierDetector(
            new OutlierDetection(5, Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofSeconds(100)));
    private final Host a = host("a"), b = host("b");
    private final List<Host> hosts = List.of(a, b);

    private Host host(String id) {
        return new Host(Endpoint.of(id, new InetSocketAddress("127.0.0.1", 1)), detector.window());
    }

    private boolean fail(Host h, long at, int times) {
        boolean ejected = false;
        for (int i = 0; i < times; i++) ejected |= detector.failure(h, hosts, at + i);
        return ejected;
    }

    @Test
    void ejectionDoublesOnEachRepeatUpToTheCap() {
        long t = 1000 * S;
        assertThat(fail(a, t, 4)).isFalse();
        assertThat(fail(a, t + 10, 1)).isTrue();
        assertThat(a.available(t + 29 * S)).isFalse();
        assertThat(a.available(t + 31 * S)).isTrue();            // 30 s
        t += 31 * S;
        assertThat(fail(a, t, 5)).isTrue();
        assertThat(a.available(t + 59 * S)).isFalse();
        assertThat(a.available(t + 61 * S)).isTrue();            // 60 s
        t += 61 * S;
        assertThat(fail(a, t, 5)).isTrue();
        assertThat(a.available(t + 99 * S)).isFalse();
        assertThat(a.available(t + 101 * S)).isTrue();           // 120 s capped at 100 s
        assertThat(a.ejections()).isEqualTo(3);
    }

    @Test
    void failuresSpreadWiderThanTheIntervalDoNotEject() {
        long t = 5000 * S;
        for (int i = 0; i < 20; i++) assertThat(detector.failure(a, hosts, t + i * 8 * S)).isFalse();
        assertThat(a.available(t + 200 * S)).isTrue();
    }

    @Test
    void theLastAvailableHostIsNeverEjected() {
        long t = 9000 * S;
        assertThat(fail(a, t, 5)).isTrue();
        assertThat(fail(b, t + 100, 50)).isFalse();
        assertThat(b.available(t + 200)).isTrue();
    }

    @Test
    void theCountStartsOverAfterAHostStayedInForTheCap() {
        long t = 20_000 * S;
        assertThat(fail(a, t, 5)).isTrue();                      // 30 s
        t += 31 * S;
        t += 200 * S;                                            // healthy for longer than the 100 s cap
        assertThat(fail(a, t, 5)).isTrue();
        assertThat(a.available(t + 31 * S)).isTrue();            // 30 s again, not 60 s
        assertThat(a.ejections()).isEqualTo(1);
    }
}
