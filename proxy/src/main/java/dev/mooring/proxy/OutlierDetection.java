package dev.mooring.proxy;

import java.time.Duration;

/**
 * Passive health checking: {@code failures} or more failures of one host within {@code interval} eject it for
 * {@code baseEjection}, doubled on each repeated ejection up to {@code maxEjection}; never the last available host.
 */
public record OutlierDetection(int failures, Duration interval, Duration baseEjection, Duration maxEjection) {
    public OutlierDetection {
        if (failures < 1) throw new IllegalArgumentException("failures must be >= 1");
        if (interval.isNegative() || interval.isZero()) throw new IllegalArgumentException("interval must be > 0");
        if (baseEjection.isNegative() || maxEjection.compareTo(baseEjection) < 0)
            throw new IllegalArgumentException("need 0 <= baseEjection <= maxEjection");
    }

    /** AWS's: 5 failures in 30 s eject for 30 s, up to 300 s (spec §4.4). */
    public static final OutlierDetection AWS_DEFAULT =
            new OutlierDetection(5, Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofSeconds(300));
}
