package dev.mooring.connect.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mooring.connect.plan.TrafficPolicy.LoadBalancing;
import dev.mooring.connect.plan.TrafficPolicy.RetryOn;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExtensionTagsTest {
    @Test
    void withoutTagsEverythingIsAws() {
        ExtensionTags tags = new ExtensionTags(Map.of());
        TrafficPolicy p = tags.trafficPolicy("yelb-appserver");
        assertThat(p).isEqualTo(TrafficPolicy.AWS);
        assertThat(p.retries().maxRetries()).isEqualTo(2);
        assertThat(p.retries().retryOn()).isEqualTo(EnumSet.allOf(RetryOn.class));
        assertThat(p.outlierDetection().failures()).isEqualTo(5);
        assertThat(p.outlierDetection().interval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(p.outlierDetection().maxEjection()).isEqualTo(Duration.ofSeconds(300));
        assertThat(tags.drain(null)).isEqualTo(Duration.ofSeconds(20));
        assertThat(tags.liveEndpoints()).isFalse();
        assertThat(tags.warnings()).isEmpty();
    }

    @Test
    void aServiceTurnsRetriesOffForEveryAliasOrForOne() {
        ExtensionTags all = new ExtensionTags(Map.of("mooring:service-connect:retries", "0"));
        assertThat(all.trafficPolicy("orders").retries().maxRetries()).isZero();
        assertThat(all.trafficPolicy("payments").retries().maxRetries()).isZero();

        ExtensionTags one = new ExtensionTags(Map.of("mooring:service-connect:retries", "1",
                "mooring:service-connect:payments:retries", "0",
                "mooring:service-connect:payments:retry-on", "connect-failure"));
        assertThat(one.trafficPolicy("orders").retries().maxRetries()).isEqualTo(1);
        assertThat(one.trafficPolicy("orders").retries().retryOn()).isEqualTo(EnumSet.allOf(RetryOn.class));
        assertThat(one.trafficPolicy("payments").retries().maxRetries()).isZero();
        assertThat(one.trafficPolicy("payments").retries().retryOn()).containsExactly(RetryOn.CONNECT_FAILURE);
    }

    @Test
    void outlierDetectionAndBalancerAreTunable() {
        ExtensionTags tags = new ExtensionTags(Map.of("mooring:service-connect:outlier-failures", "0",
                "mooring:service-connect:api:outlier-failures", "3",
                "mooring:service-connect:api:outlier-interval-seconds", "10",
                "mooring:service-connect:api:outlier-base-ejection-seconds", "5",
                "mooring:service-connect:api:outlier-max-ejection-seconds", "60",
                "mooring:service-connect:load-balancer", "least-request"));
        assertThat(tags.trafficPolicy("other").outlierDetection().enabled()).isFalse();
        TrafficPolicy api = tags.trafficPolicy("api");
        assertThat(api.outlierDetection()).isEqualTo(new TrafficPolicy.OutlierDetection(3, Duration.ofSeconds(10),
                Duration.ofSeconds(5), Duration.ofSeconds(60)));
        assertThat(api.loadBalancing()).isEqualTo(LoadBalancing.LEAST_REQUEST);
        assertThat(tags.warnings()).isEmpty();
    }

    @Test
    void unreadableValuesFallBackToAwsWithAWarning() {
        ExtensionTags tags = new ExtensionTags(Map.of("mooring:service-connect:retries", "many",
                "mooring:service-connect:retry-on", "connect-failure,gateway-error",
                "mooring:service-connect:load-balancer", "random",
                "mooring:service-connect:drain-seconds", "-1",
                "mooring:service-connect:live-endpoints", "yes"));
        assertThat(tags.trafficPolicy("x")).isEqualTo(TrafficPolicy.AWS);
        assertThat(tags.drain(null)).isEqualTo(Duration.ofSeconds(20));
        assertThat(tags.liveEndpoints()).isFalse();
        assertThat(tags.warnings()).hasSize(5).anySatisfy(w -> assertThat(w)
                .contains("mooring:service-connect:retries='many'").contains("using 2"))
                .anySatisfy(w -> assertThat(w).contains("gateway-error"));
    }

    @Test
    void drainAndLiveEndpointsAreReadFromTheTasksOwnService() {
        ExtensionTags tags = new ExtensionTags(Map.of("mooring:service-connect:drain-seconds", "3",
                "mooring:service-connect:live-endpoints", "true"));
        assertThat(tags.drain(null)).isEqualTo(Duration.ofSeconds(3));
        assertThat(tags.liveEndpoints()).isTrue();
    }

    @Test
    void aRetryBudgetIsOffByDefaultAndReadAsPercentAndMinimum() {
        assertThat(new ExtensionTags(Map.of()).trafficPolicy("orders").retries().budget()).isNull();
        assertThat(new ExtensionTags(Map.of("mooring:service-connect:retry-budget", "20%")).trafficPolicy("orders")
                .retries().budget()).isEqualTo(new TrafficPolicy.RetryBudget(20, 3));
        assertThat(new ExtensionTags(Map.of("mooring:service-connect:orders:retry-budget", "10,1"))
                .trafficPolicy("orders").retries().budget()).isEqualTo(new TrafficPolicy.RetryBudget(10, 1));
        ExtensionTags bad = new ExtensionTags(Map.of("mooring:service-connect:retry-budget", "lots"));
        assertThat(bad.trafficPolicy("orders").retries().budget()).isNull();
        assertThat(bad.warnings()).singleElement().asString().contains("retry-budget='lots'");
    }
}
