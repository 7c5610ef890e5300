package dev.mooring.proxy;

import java.util.EnumSet;
import java.util.Set;

/**
 * How many times a request (or a TCP connect) is retried, each time on another host, on what, and (optionally) within
 * what {@link RetryBudget}; {@code budget} null is no budget, as on AWS.
 */
public record RetryPolicy(int maxRetries, Set<RetryOn> retryOn, RetryBudget budget) {
    public RetryPolicy {
        if (maxRetries < 0) throw new IllegalArgumentException("maxRetries must be >= 0");
        retryOn = retryOn.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(retryOn));
    }

    /** Without a budget. */
    public RetryPolicy(int maxRetries, Set<RetryOn> retryOn) {
        this(maxRetries, retryOn, null);
    }

    /** AWS's fixed policy: 2 retries for connect failures, resets, refused streams and 503 (spec §4.4). */
    public static final RetryPolicy AWS_DEFAULT = new RetryPolicy(2, EnumSet.allOf(RetryOn.class));
    public static final RetryPolicy NONE = new RetryPolicy(0, Set.of());
}
