package dev.mooring.core.operation;

import java.time.Instant;

/**
 * What an operation knows about the call beyond its input. Resources are regional and ARNs carry the account, so an
 * operation needs both; the protocol layer fills them in (the region from the request's SigV4 credential scope).
 */
public record RequestContext(String requestId, String region, String accountId, Instant receivedAt) {
    public String arnPrefix(String service) {
        return "arn:aws:" + service + ":" + region + ":" + accountId + ":";
    }
}
