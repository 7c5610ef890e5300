package dev.mooring.control.route53;

import java.time.Instant;

/**
 * A private hosted zone. {@code name} is fully qualified with the trailing dot, as Route 53 returns it;
 * {@code callerReference} makes CreateHostedZone idempotent; the VPC is the one it was associated with.
 */
public record HostedZone(String id, String name, String comment, Instant createdAt, String callerReference,
                         String vpcRegion, String vpcId) {}
