package dev.mooring.proxy;

/**
 * A cap on retries in flight, as Envoy's {@code retry_budget}: at most {@code percent} of the cluster's requests in
 * flight may be retrying, but always at least {@code minConcurrency}. When a failure finds the budget spent, the
 * client gets the failure instead of another attempt, so retries cannot multiply the load on a struggling service.
 * AWS sets none (spec §4.4); Mooring offers one per alias as an extension.
 */
public record RetryBudget(double percent, int minConcurrency) {
    /** Envoy's defaults when a budget is set without values: 20 %, at least 3. */
    public static final RetryBudget ENVOY_DEFAULT = new RetryBudget(20, 3);

    public RetryBudget {
        if (!(percent >= 0 && percent <= 100)) {
            throw new IllegalArgumentException("retry budget percent must be 0 to 100, got " + percent);
        }
        if (minConcurrency < 0) {
            throw new IllegalArgumentException("retry budget minConcurrency must be >= 0, got " + minConcurrency);
        }
    }

    /** How many retries may be in flight while {@code active} requests are. */
    public long allowed(long active) {
        return Math.max(minConcurrency, (long) Math.floor(active * percent / 100));
    }
}
