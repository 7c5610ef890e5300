package dev.mooring.control.cloudmap;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * A Cloud Map namespace (spec Appendix B "Namespace"). {@code serviceCount} is not stored: operations fill it in
 * when they answer. The region is the ARN's.
 */
public record Namespace(String id, String arn, String name, String type, String description, Integer serviceCount,
                        Properties properties, Instant createDate, String creatorRequestId) {

    public static final String HTTP = "HTTP";
    public static final String DNS_PRIVATE = "DNS_PRIVATE";
    public static final String DNS_PUBLIC = "DNS_PUBLIC";

    public record Properties(DnsProperties dnsProperties, HttpProperties httpProperties) {}

    public record DnsProperties(String hostedZoneId, @JsonProperty("SOA") Soa soa) {}

    public record HttpProperties(String httpName) {}

    public record Soa(@JsonProperty("TTL") Long ttl) {}

    public Namespace withServiceCount(int count) {
        return new Namespace(id, arn, name, type, description, count, properties, createDate, creatorRequestId);
    }
}
