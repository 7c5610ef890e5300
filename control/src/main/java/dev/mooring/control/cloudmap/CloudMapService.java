package dev.mooring.control.cloudmap;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/**
 * A Cloud Map service (spec Appendix B "Service"). {@code instanceCount} is filled in when answering, not stored.
 * {@code type} is HTTP for API-only services (what Service Connect makes), DNS_HTTP when it has a DnsConfig.
 */
public record CloudMapService(String id, String arn, String name, String namespaceId, String description,
                              Integer instanceCount, DnsConfig dnsConfig, String type,
                              HealthCheckConfig healthCheckConfig, HealthCheckCustomConfig healthCheckCustomConfig,
                              Instant createDate, String creatorRequestId) {

    public record DnsConfig(String namespaceId, String routingPolicy, List<DnsRecord> dnsRecords) {}

    public record DnsRecord(String type, @JsonProperty("TTL") Long ttl) {}

    public record HealthCheckConfig(String type, String resourcePath, Integer failureThreshold) {}

    public record HealthCheckCustomConfig(Integer failureThreshold) {}

    public static final String HTTP = "HTTP";
    public static final String DNS_HTTP = "DNS_HTTP";

    public CloudMapService withInstanceCount(int count) {
        return new CloudMapService(id, arn, name, namespaceId, description, count, dnsConfig, type, healthCheckConfig,
                healthCheckCustomConfig, createDate, creatorRequestId);
    }

    /** The service after UpdateService: the members it may change, and nothing else. */
    public CloudMapService updated(String newDescription, DnsConfig newDnsConfig, HealthCheckConfig newHealthCheck) {
        return new CloudMapService(id, arn, name, namespaceId, newDescription, null, newDnsConfig, type,
                newHealthCheck, healthCheckCustomConfig, createDate, creatorRequestId);
    }
}
