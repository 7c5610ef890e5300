package dev.mooring.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.HttpMethod;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class LoadGeneratorTest {
    private static final AllowedTargets ALLOWED = AllowedTargets.loopbackAnd(AllowedTargets.DEFAULT_TASK_CIDR);

    private static TrafficPlan plan(String url, int c, long n, Duration z, double q, Duration timeout) {
        return TrafficPlan.of(URI.create(url), ALLOWED, HttpMethod.GET, List.of(), new byte[0], c, n, z, q, timeout,
                true);
    }

    @Test
    void countsAndStatusDistributionAreExact() throws Exception {
        try (TestServer server = new TestServer()) {
            List<SecondStats> progress = new ArrayList<>();
            TrafficReport r = new LoadGenerator(plan(server.url("/mix"), 7, 503, Duration.ZERO, 0,
                    Duration.ofSeconds(10))).run(progress::add);

            assertThat(server.mixRequests).hasValue(503);
            assertThat(r.requests()).isEqualTo(503);
            assertThat(r.responses()).isEqualTo(503);
            assertThat(r.errors()).isZero();
            assertThat(r.statusCodes()).containsExactlyInAnyOrderEntriesOf(Map.of(200, 403L, 500, 100L));
            assertThat(r.totalBytes()).isEqualTo(403 * 2 + 100 * 4);
            assertThat(r.histogram().stream().mapToLong(TrafficReport.Bucket::count).sum()).isEqualTo(503);
            assertThat(r.percentiles()).extracting(TrafficReport.Percentile::percentile)
                    .containsExactly(10.0, 25.0, 50.0, 75.0, 90.0, 95.0, 99.0, 99.9);
            assertThat(r.fastestMillis()).isPositive().isLessThanOrEqualTo(r.slowestMillis());
            // the seconds add up to the totals
            assertThat(r.seconds().stream().mapToLong(SecondStats::requests).sum()).isEqualTo(503);
            assertThat(r.seconds().stream().mapToLong(SecondStats::status5xx).sum()).isEqualTo(100);

            String text = r.text();
            assertThat(text).contains("Summary:", "Requests/sec:", "Response time histogram:",
                    "Latency distribution:", "  99.9% in ", "  [200]\t403 responses", "  [500]\t100 responses");
        }
    }

    @Test
    void aClosedPortGivesOneConnectionRefusedPerRequest() throws Exception {
        TrafficReport r = new LoadGenerator(plan("http://127.0.0.1:" + TestServer.closedPort() + "/", 3, 25,
                Duration.ZERO, 0, Duration.ofSeconds(5))).run(s -> {});
        assertThat(r.requests()).isEqualTo(25);
        assertThat(r.responses()).isZero();
        assertThat(r.errorKinds()).containsExactly(Map.entry(ErrorKind.CONNECTION_REFUSED, 25L));
        assertThat(r.text()).contains("Error distribution:", "  [25]\tconnection refused");
    }

    @Test
    void aResetAndATimeoutAreNamed() throws Exception {
        try (TestServer.Resetter resetter = new TestServer.Resetter(); TestServer server = new TestServer()) {
            TrafficReport reset = new LoadGenerator(plan(resetter.url(), 2, 6, Duration.ZERO, 0,
                    Duration.ofSeconds(5))).run(s -> {});
            assertThat(reset.errorKinds()).containsExactly(Map.entry(ErrorKind.CONNECTION_RESET, 6L));

            TrafficReport hung = new LoadGenerator(plan(server.url("/hang"), 2, 2, Duration.ZERO, 0,
                    Duration.ofSeconds(1))).run(s -> {});
            assertThat(hung.errorKinds()).containsExactly(Map.entry(ErrorKind.TIMEOUT, 2L));
        }
    }

    @Test
    void aKeepAliveConnectionTheServerClosedIsReplacedWithoutAnError() throws Exception {
        try (TestServer.OneShot server = new TestServer.OneShot()) {
            TrafficReport r = new LoadGenerator(plan(server.url(), 1, 40, Duration.ZERO, 0, Duration.ofSeconds(5)))
                    .run(s -> {});
            assertThat(r.errorKinds()).isEmpty();
            assertThat(r.statusCodes()).containsExactly(Map.entry(200, 40L));
            assertThat(server.answered).hasValue(40);
        }
    }

    @Test
    void aDurationBoundsTheRunAndMinusNIsIgnored() throws Exception {
        try (TestServer server = new TestServer()) {
            List<SecondStats> progress = new ArrayList<>();
            TrafficPlan p = plan(server.url("/mix"), 2, 5, Duration.ofSeconds(1), 0, Duration.ofSeconds(5));
            assertThat(p.requests()).isZero();
            TrafficReport r = new LoadGenerator(p).run(progress::add);
            assertThat(r.totalSeconds()).isGreaterThanOrEqualTo(1.0);
            assertThat(r.requests()).isEqualTo(server.mixRequests.get()).isGreaterThan(5);
            assertThat(r.errors()).isZero();
        }
    }

    @Test
    void aConstantRateSendsNoMoreThanItsSlotsBeforeTheDeadline() throws Exception {
        try (TestServer server = new TestServer()) {
            // two workers at 20/s for 1 s: at most 20 slots each start before the deadline
            TrafficReport r = new LoadGenerator(plan(server.url("/mix"), 2, 0, Duration.ofSeconds(1), 20,
                    Duration.ofSeconds(5))).run(s -> {});
            assertThat(r.requests()).isPositive().isLessThanOrEqualTo(40);
            assertThat(server.mixRequests).hasValue(r.requests());
        }
    }

    @Test
    void atAConstantRateAStallCountsForEveryRequestQueuedBehindIt() throws Exception {
        try (TestServer server = new TestServer()) {
            // one worker, a slot every 10 ms; the first answer takes 300 ms, so the next requests go out late
            // and, measured from their slots, wait long too (coordinated omission corrected)
            TrafficReport r = new LoadGenerator(plan(server.url("/stall"), 1, 20, Duration.ZERO, 100,
                    Duration.ofSeconds(5))).run(s -> {});
            assertThat(r.statusCodes()).containsExactly(Map.entry(204, 20L));
            double p50 = r.percentiles().stream().filter(p -> p.percentile() == 50).findFirst().orElseThrow()
                    .millis();
            assertThat(p50).isGreaterThan(100);
        }
    }

    @Test
    void controlRefusesSlotsAtOrAfterTheDeadline() {
        TrafficPlan p = plan("http://127.0.0.1:9/", 1, 0, Duration.ofSeconds(2), 0, Duration.ofSeconds(1));
        LoadGenerator.Control c = new LoadGenerator.Control(p, () -> false);
        c.begin(1_000);
        assertThat(c.allow(1_000 + 1_999_999_999L)).isTrue();
        assertThat(c.allow(1_000 + 2_000_000_000L)).isFalse();
        LoadGenerator.Control counted = new LoadGenerator.Control(
                plan("http://127.0.0.1:9/", 1, 2, Duration.ZERO, 0, Duration.ofSeconds(1)), () -> false);
        assertThat(List.of(counted.allow(0), counted.allow(0), counted.allow(0))).containsExactly(true, true, false);
        LoadGenerator.Control stopped = new LoadGenerator.Control(
                plan("http://127.0.0.1:9/", 1, 2, Duration.ZERO, 0, Duration.ofSeconds(1)), () -> true);
        assertThat(stopped.allow(0)).isFalse();
    }
}
