package dev.mooring.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class MetricRegistryTest {
    private static final Instant T0 = Instant.parse("2026-12-03T10:00:30Z");
    private static final Instant MINUTE0 = Instant.parse("2026-12-03T10:00:00Z");

    private final TestClock clock = new TestClock(T0);
    private final MetricRegistry registry = new MetricRegistry(clock, MetricRegistry.DEFAULT_RETENTION);

    @Test
    void aMinuteHoldsTheExactStatisticSet() {
        Counter c = registry.counter("AWS/ECS", "RequestCount", StandardUnit.COUNT, Dimensions.of("DiscoveryName", "db"));
        for (int i = 0; i < 5; i++) {
            c.increment();
        }
        c.add(100);

        List<SeriesData> got = registry.series(SeriesFilter.all(), MINUTE0);
        assertThat(got).hasSize(1);
        assertThat(got.getFirst().datapoints()).containsExactly(
                new Datapoint(MINUTE0, new Statistics(6, 105, 1, 100)));
        assertThat(got.getFirst().total().average()).isEqualTo(17.5);
    }

    @Test
    void samplesOfTheNextMinuteGoToANewDatapoint() {
        Distribution d = registry.distribution("AWS/ECS", "TargetResponseTime", StandardUnit.MILLISECONDS,
                Dimensions.of("TargetDiscoveryName", "app"));
        d.record(2.5);
        d.record(7.5);
        clock.advance(Duration.ofSeconds(40)); // 10:01:10
        d.record(1);

        List<Datapoint> points = registry.series(SeriesFilter.all(), MINUTE0).getFirst().datapoints();
        assertThat(points).containsExactly(
                new Datapoint(MINUTE0, new Statistics(2, 10, 2.5, 7.5)),
                new Datapoint(MINUTE0.plusSeconds(60), new Statistics(1, 1, 1, 1)));
        // a query from the second minute on leaves the first out
        assertThat(registry.series(SeriesFilter.all(), MINUTE0.plusSeconds(60)).getFirst().datapoints())
                .extracting(Datapoint::timestamp).containsExactly(MINUTE0.plusSeconds(60));
    }

    @Test
    void minutesOlderThanTheRetentionAreDropped() {
        Counter c = registry.counter("AWS/ECS", "RequestCount", StandardUnit.COUNT, Dimensions.none());
        c.add(7);
        clock.advance(Duration.ofMinutes(180));
        assertThat(registry.series(SeriesFilter.all(), Instant.EPOCH).getFirst().datapoints())
                .extracting(Datapoint::timestamp).containsExactly(MINUTE0);

        clock.advance(Duration.ofMinutes(1));
        assertThat(registry.series(SeriesFilter.all(), Instant.EPOCH)).isEmpty();

        // the slot the old minute used serves the new one, which starts from nothing
        c.add(2);
        assertThat(registry.series(SeriesFilter.all(), Instant.EPOCH).getFirst().datapoints())
                .containsExactly(new Datapoint(MINUTE0.plus(Duration.ofMinutes(181)), new Statistics(1, 2, 2, 2)));
    }

    @Test
    void concurrentRecordingAcrossMinuteRolloversLosesNothing() throws Exception {
        Counter c = registry.counter("AWS/ECS", "RequestCount", StandardUnit.COUNT, Dimensions.none());
        Distribution d = registry.distribution("AWS/ECS", "TargetResponseTime", StandardUnit.MILLISECONDS,
                Dimensions.none());
        int threads = 8;
        int perThread = 50_000;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads + 1)) {
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        c.increment();
                        d.record(i % 10);
                    }
                    return null;
                }));
            }
            done.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < 20; i++) {
                    clock.advance(Duration.ofMinutes(1));
                    Thread.yield();
                }
                return null;
            }));
            start.countDown();
            for (Future<?> f : done) {
                f.get();
            }
        }
        Statistics counted = registry.series(SeriesFilter.all().metric("RequestCount"), Instant.EPOCH)
                .getFirst().total();
        assertThat(counted.sum()).isEqualTo((double) threads * perThread);
        assertThat(counted.sampleCount()).isEqualTo((long) threads * perThread);
        Statistics timed = registry.series(SeriesFilter.all().metric("TargetResponseTime"), Instant.EPOCH)
                .getFirst().total();
        assertThat(timed.sampleCount()).isEqualTo((long) threads * perThread);
        assertThat(timed.sum()).isEqualTo(threads * (perThread / 10) * 45.0);
        assertThat(timed.minimum()).isZero();
        assertThat(timed.maximum()).isEqualTo(9);
    }

    @Test
    void clearingHistoryStartsEveryFigureFromZeroAndKeepsHandlesAndGaugeValues() {
        Counter c = registry.counter("AWS/ECS", "RequestCount", StandardUnit.COUNT, Dimensions.of("DiscoveryName", "db"));
        Gauge g = registry.gauge("AWS/ECS", "ActiveConnectionCount", StandardUnit.COUNT, Dimensions.none());
        c.add(7);
        g.set(3);
        registry.clearHistory();

        assertThat(registry.series(SeriesFilter.all(), MINUTE0)).allSatisfy(s -> assertThat(s.datapoints()).isEmpty());
        assertThat(registry.prometheusText()).doesNotContain("} 7");
        assertThat(g.value()).as("a gauge is live state").isEqualTo(3);
        c.increment();
        assertThat(registry.sum("AWS/ECS", "RequestCount", Dimensions.of("DiscoveryName", "db"), Duration.ofMinutes(5)))
                .as("the handle held before still records").isEqualTo(1);
    }

    @Test
    void aGaugeAveragesItsSamplesAndSeesEveryPeak() {
        Gauge g = registry.gauge("AWS/ECS", "ActiveConnectionCount", StandardUnit.COUNT, Dimensions.none());
        g.increment();
        g.increment();
        g.increment();
        g.decrement();
        g.decrement();
        registry.sample(); // value 1
        g.increment();
        registry.sample(); // value 2

        assertThat(g.value()).isEqualTo(2);
        assertThat(registry.series(SeriesFilter.all(), MINUTE0).getFirst().datapoints())
                .containsExactly(new Datapoint(MINUTE0, new Statistics(2, 3, 1, 3)));
    }

    @Test
    void aMetricNameKeepsOneKindAndUnit() {
        registry.counter("AWS/ECS", "RequestCount", StandardUnit.COUNT, Dimensions.of("DiscoveryName", "a"));
        assertThatThrownBy(() -> registry.gauge("AWS/ECS", "RequestCount", StandardUnit.COUNT,
                Dimensions.of("DiscoveryName", "b"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("RequestCount is a COUNTER");
        assertThatThrownBy(() -> registry.counter("AWS/ECS", "RequestCount", StandardUnit.BYTES,
                Dimensions.of("DiscoveryName", "a"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theSameKeyIsTheSameSeriesWhateverTheDimensionOrder() {
        registry.counter("AWS/ECS", "RequestCount", StandardUnit.COUNT, Dimensions.of("A", "1", "B", "2")).add(1);
        registry.counter("AWS/ECS", "RequestCount", StandardUnit.COUNT, Dimensions.of("B", "2", "A", "1")).add(2);
        List<SeriesData> got = registry.series(SeriesFilter.all(), MINUTE0);
        assertThat(got).hasSize(1);
        assertThat(got.getFirst().total().sum()).isEqualTo(3);
    }

    @Test
    void aFilterMatchesNamespaceNameAndRequiredDimensions() {
        registry.counter("AWS/ECS", "RequestCount", StandardUnit.COUNT,
                Dimensions.of("DiscoveryName", "db", "ServiceName", "yelb-db")).add(1);
        registry.counter("AWS/ECS", "RequestCount", StandardUnit.COUNT,
                Dimensions.of("DiscoveryName", "app", "ServiceName", "yelb-appserver")).add(1);
        registry.counter("AWS/ApplicationELB", "RequestCount", StandardUnit.COUNT,
                Dimensions.of("LoadBalancer", "app/x/1")).add(1);

        assertThat(registry.series(SeriesFilter.all().dimension("ServiceName", "yelb-db"), MINUTE0))
                .extracting(s -> s.key().dimensions().get("DiscoveryName")).containsExactly("db");
        assertThat(registry.series(SeriesFilter.all().namespace("AWS/ECS").metric("RequestCount"), MINUTE0))
                .hasSize(2);
        assertThat(registry.series(SeriesFilter.all().namespace("AWS/ApplicationELB"), MINUTE0)).hasSize(1);
    }

    @Test
    void theTableShowsOneRowPerSeriesWithTheWindowsStatistics() {
        Counter c = registry.counter("AWS/ECS", "RequestCount", StandardUnit.COUNT,
                Dimensions.of("DiscoveryName", "db"));
        c.add(4);
        clock.advance(Duration.ofMinutes(1));
        c.add(6);
        String table = MetricsTable.render(registry.series(SeriesFilter.all(), MINUTE0));
        List<String> lines = table.lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0).split("\\s+")).containsExactly("NAMESPACE", "METRIC", "DIMENSIONS", "SUM", "AVG",
                "MIN", "MAX", "SAMPLES");
        assertThat(lines.get(1).split("\\s+")).containsExactly("AWS/ECS", "RequestCount", "DiscoveryName=db", "10",
                "5", "4", "6", "2");
        assertThat(MetricsTable.render(List.of())).isEqualTo("no datapoints in this window\n");
    }
}
