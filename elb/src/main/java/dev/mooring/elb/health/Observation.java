package dev.mooring.elb.health;

import dev.mooring.elb.shape.TargetHealthState;

/**
 * What the health checks last concluded about a target, with the streaks that move it between healthy and
 * unhealthy. Only {@code initial}, {@code healthy} and {@code unhealthy} come from checks.
 */
public record Observation(TargetHealthState state, String reason, String description, int passes, int failures) {

    public static final Observation INITIAL = new Observation(TargetHealthState.INITIAL, "Elb.InitialHealthChecking",
            "Initial health checks in progress", 0, 0);

    /**
     * The next observation after {@code probe}. A new target turns healthy at its first passing check, and unhealthy
     * only after {@code unhealthyThreshold} failures in a row (until then it is still in its initial checks, so a task
     * whose server is still starting is not condemned by one refused connection). After that it takes
     * {@code healthyThreshold} passes in a row to turn healthy and {@code unhealthyThreshold} failures in a row to
     * turn unhealthy.
     */
    public Observation after(Probe probe, int healthyThreshold, int unhealthyThreshold) {
        int p = probe.passed() ? passes + 1 : 0;
        int f = probe.passed() ? 0 : failures + 1;
        boolean healthy = switch (state) {
            case INITIAL -> probe.passed();
            case HEALTHY -> f < unhealthyThreshold;
            default -> p >= healthyThreshold;
        };
        if (healthy) {
            return new Observation(TargetHealthState.HEALTHY, null, null, p, f);
        }
        if (state == TargetHealthState.INITIAL && f < unhealthyThreshold) {
            return new Observation(TargetHealthState.INITIAL, reason, description, p, f);
        }
        if (!probe.passed()) {
            return failure(probe, p, f);
        }
        return new Observation(state, reason, description, p, f); // still unhealthy, passing towards the threshold
    }

    private static Observation failure(Probe probe, int p, int f) {
        return switch (probe) {
            case Probe.WrongStatus w -> new Observation(TargetHealthState.UNHEALTHY, "Target.ResponseCodeMismatch",
                    "Health checks failed with these codes: [" + w.status() + "]", p, f);
            case Probe.TimedOut t -> new Observation(TargetHealthState.UNHEALTHY, "Target.Timeout",
                    "Request timed out", p, f);
            case Probe.Failed x -> new Observation(TargetHealthState.UNHEALTHY, "Target.FailedHealthChecks",
                    "Health checks failed", p, f);
            case Probe.Passed ok -> throw new IllegalStateException("a passed check is no failure");
        };
    }
}
