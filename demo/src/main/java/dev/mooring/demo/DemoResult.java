package dev.mooring.demo;

/**
 * Everything a demo run measured, as {@code --json} writes it.
 *
 * @param secondsToStable cold start: from the first API call to every service stable
 * @param uiUrl           where the UI answers on this machine (the public load balancer's loopback listener)
 * @param metricsSource   where the CloudWatch-style figures came from
 */
public record DemoResult(double secondsToStable, String uiUrl, PhaseResult before, PhaseResult after,
                         String metricsSource) {

    /** One sentence: what the two phases showed. */
    public String summary() {
        return String.format("Before (DNS + internal load balancer): %d of %d requests failed while %d appserver"
                        + " tasks were killed. After (Service Connect): %d of %d failed while %d were killed.",
                before.failed(), before.traffic().requests(), before.kills().size(), after.failed(),
                after.traffic().requests(), after.kills().size());
    }
}
