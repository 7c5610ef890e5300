package dev.mooring.control.scheduler;

import java.time.Duration;

/** How long the scheduler waits before replacing a service's task after consecutive failures. */
public final class SchedulerBackoff {
    static final Duration MAX = Duration.ofMinutes(1);

    private SchedulerBackoff() {}

    /** No wait after a first failure, so one crash is replaced at once; then 1 s, 2 s, 4 s … up to a minute. */
    public static Duration of(int consecutiveFailures) {
        if (consecutiveFailures <= 1) {
            return Duration.ZERO;
        }
        long seconds = 1L << Math.min(consecutiveFailures - 2, 16);
        return Duration.ofSeconds(Math.min(seconds, MAX.toSeconds()));
    }
}
