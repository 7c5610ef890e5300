package dev.mooring.api;

import java.time.Instant;

/**
 * What an operation knows about the call beyond its input. The region comes from the SigV4 credential scope, as on
 * AWS, so resources made in one region are invisible from another.
 */
public record RequestContext(String requestId, String region, String accountId, Instant receivedAt) {
    public String arnPrefix(String service) {
        return "arn:aws:" + service + ":" + region + ":" + accountId + ":";
    }
}
