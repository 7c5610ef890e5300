package dev.mooring.control.route53;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/** Route 53's request and response shapes for the operations Mooring serves, member for member. */
public final class Route53Shapes {
    private Route53Shapes() {}

    public record Vpc(@JsonProperty("VPCRegion") String vpcRegion, @JsonProperty("VPCId") String vpcId) {}

    public record HostedZoneConfig(String comment, Boolean privateZone) {}

    public record HostedZoneShape(String id, String name, String callerReference, HostedZoneConfig config,
                                  Long resourceRecordSetCount) {}

    public record ChangeInfo(String id, String status, Instant submittedAt, String comment) {}

    public record ResourceRecord(String value) {}

    public record AliasTarget(String hostedZoneId, @JsonProperty("DNSName") String dnsName,
                              Boolean evaluateTargetHealth) {}

    public record RecordSet(String name, String type, String setIdentifier, Long weight, String region,
                            @JsonProperty("TTL") Long ttl, List<ResourceRecord> resourceRecords,
                            AliasTarget aliasTarget, String failover, Boolean multiValueAnswer,
                            String healthCheckId) {}

    public record Change(HostedZones.ChangeAction action, RecordSet resourceRecordSet) {}

    public record ChangeBatch(String comment, List<Change> changes) {}

    // requests

    public record CreateHostedZoneRequest(String name, @JsonProperty("VPC") Vpc vpc, String callerReference,
                                          HostedZoneConfig hostedZoneConfig, String delegationSetId) {}

    public record ZoneIdRequest(String id) {}

    public record ListHostedZonesRequest(String marker, String maxItems, String delegationSetId,
                                         String hostedZoneType) {}

    public record ListHostedZonesByNameRequest(@JsonProperty("DNSName") String dnsName, String hostedZoneId,
                                               String maxItems) {}

    public record ChangeResourceRecordSetsRequest(String id, ChangeBatch changeBatch) {}

    public record ListResourceRecordSetsRequest(String id, String startRecordName, String startRecordType,
                                                String startRecordIdentifier, String maxItems) {}

    public record Tag(String key, String value) {}

    public record TagResourceRequest(String resourceType, String resourceId, List<Tag> addTags,
                                     List<String> removeTagKeys) {}

    // responses

    public record ResourceTagSet(String resourceType, String resourceId, List<Tag> tags) {}

    public record ListTagsForResourceResponse(ResourceTagSet resourceTagSet) {}

    public record CreateHostedZoneResponse(HostedZoneShape hostedZone, ChangeInfo changeInfo,
                                           @JsonProperty("VPC") Vpc vpc) {}

    public record GetHostedZoneResponse(HostedZoneShape hostedZone, @JsonProperty("VPCs") List<Vpc> vpcs) {}

    public record ListHostedZonesResponse(List<HostedZoneShape> hostedZones, String marker, Boolean isTruncated,
                                          String nextMarker, String maxItems) {}

    public record ListHostedZonesByNameResponse(List<HostedZoneShape> hostedZones,
                                                @JsonProperty("DNSName") String dnsName, String hostedZoneId,
                                                Boolean isTruncated, @JsonProperty("NextDNSName") String nextDnsName,
                                                String nextHostedZoneId, String maxItems) {}

    public record ChangeInfoResponse(ChangeInfo changeInfo) {}

    public record ListResourceRecordSetsResponse(List<RecordSet> resourceRecordSets, Boolean isTruncated,
                                                 String nextRecordName, String nextRecordType,
                                                 String nextRecordIdentifier, String maxItems) {}
}
