package dev.mooring.connect.plan;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

/**
 * How client proxies treat one target (a discovery name): load balancer, retries and outlier detection. AWS's
 * values are fixed (spec §4.4); Mooring lets the server service change them through tags ({@link ExtensionTags},
 * containers-roadmap #1963), with AWS's as the default.
 */
public record TrafficPolicy(LoadBalancing loadBalancing, Retries retries, OutlierDetection outlierDetection) {

    public enum LoadBalancing { ROUND_ROBIN, LEAST_REQUEST }

    /** What may be retried: connect failure, reset before any response byte, HTTP/2 REFUSED_STREAM, HTTP 503. */
    public enum RetryOn { CONNECT_FAILURE, RESET_BEFORE_RESPONSE, REFUSED_STREAM, HTTP_503 }

    /**
     * Each retry goes to another host; never after part of the response reached the client. {@code budget}, when not
     * null, caps the requests retrying at once (Envoy's retry budget); AWS has none.
     */
    public record Retries(int maxRetries, Set<RetryOn> retryOn, RetryBudget budget) {
        public Retries {
            retryOn = retryOn.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(retryOn));
        }

        public Retries(int maxRetries, Set<RetryOn> retryOn) {
            this(maxRetries, retryOn, null);
        }
    }

    /** At most {@code percent} of the requests in flight toward the target may be retrying, and at least {@code min}. */
    public record RetryBudget(int percent, int minConcurrency) {}

    /** {@code failures} in {@code interval} eject a host for baseEjection, growing up to maxEjection; 0 is off. */
    public record OutlierDetection(int failures, Duration interval, Duration baseEjection, Duration maxEjection) {
        public boolean enabled() {
            return failures > 0;
        }
    }

    public static final Retries AWS_RETRIES = new Retries(2, EnumSet.allOf(RetryOn.class));
    public static final OutlierDetection AWS_OUTLIER_DETECTION = new OutlierDetection(5, Duration.ofSeconds(30),
            Duration.ofSeconds(30), Duration.ofSeconds(300));
    /** What AWS does, and what Mooring does unless the server service's tags say otherwise. */
    public static final TrafficPolicy AWS = new TrafficPolicy(LoadBalancing.ROUND_ROBIN, AWS_RETRIES,
            AWS_OUTLIER_DETECTION);
}
