package dev.mooring.control.route53;

import dev.mooring.control.route53.Route53Shapes.ChangeInfo;
import dev.mooring.control.route53.Route53Shapes.ChangeInfoResponse;
import dev.mooring.control.route53.Route53Shapes.HostedZoneConfig;
import dev.mooring.control.route53.Route53Shapes.HostedZoneShape;
import dev.mooring.control.route53.Route53Shapes.RecordSet;
import dev.mooring.control.route53.Route53Shapes.Vpc;
import dev.mooring.core.operation.ErrorKind;
import dev.mooring.core.operation.Operations;
import dev.mooring.core.operation.RequestContext;
import dev.mooring.core.operation.ServiceException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Route 53's hosted zone operations over {@link HostedZones}, under the signing name {@code route53}. Zone ids are
 * answered as {@code /hostedzone/Z…} and change ids as {@code /change/C…}; both forms are accepted in requests.
 */
public final class Route53Api {
    static final int MAX_ZONES = 100;
    static final int MAX_RECORD_SETS = 300;

    private final HostedZones zones;

    private Route53Api(HostedZones zones) {
        this.zones = zones;
    }

    public static Operations operations(HostedZones zones) {
        Route53Api api = new Route53Api(zones);
        return new Operations("route53")
                .register("CreateHostedZone", Route53Shapes.CreateHostedZoneRequest.class, api::createHostedZone)
                .register("GetHostedZone", Route53Shapes.ZoneIdRequest.class, api::getHostedZone)
                .register("DeleteHostedZone", Route53Shapes.ZoneIdRequest.class, api::deleteHostedZone)
                .register("ListHostedZones", Route53Shapes.ListHostedZonesRequest.class, api::listHostedZones)
                .register("ListHostedZonesByName", Route53Shapes.ListHostedZonesByNameRequest.class,
                        api::listHostedZonesByName)
                .register("ChangeResourceRecordSets", Route53Shapes.ChangeResourceRecordSetsRequest.class,
                        api::changeResourceRecordSets)
                .register("ListResourceRecordSets", Route53Shapes.ListResourceRecordSetsRequest.class,
                        api::listResourceRecordSets)
                .register("GetChange", Route53Shapes.ZoneIdRequest.class, api::getChange)
                .register("ListTagsForResource", Route53Shapes.TagResourceRequest.class, api::listTags)
                .register("ChangeTagsForResource", Route53Shapes.TagResourceRequest.class, api::changeTags);
    }

    private static String bare(String id, String prefix) {
        if (id == null || id.isEmpty()) {
            throw new ServiceException("InvalidInput", "The Id is required");
        }
        return id.startsWith(prefix) ? id.substring(prefix.length()) : id;
    }

    private static String zoneId(String id) {
        return bare(id, "/hostedzone/");
    }

    private static ChangeInfo info(ChangeRecord c) {
        return new ChangeInfo("/change/" + c.id(), "INSYNC", c.submittedAt(), c.comment());
    }

    private HostedZoneShape shape(HostedZone z) {
        return new HostedZoneShape("/hostedzone/" + z.id(), z.name(), z.callerReference(),
                new HostedZoneConfig(z.comment(), true), (long) zones.recordSets(z.id()).size());
    }

    private Route53Shapes.CreateHostedZoneResponse createHostedZone(RequestContext ctx,
                                                                    Route53Shapes.CreateHostedZoneRequest in) {
        Vpc vpc = in.vpc();
        if (vpc == null || vpc.vpcId() == null || vpc.vpcId().isEmpty()) {
            throw new ServiceException("InvalidInput", "Mooring serves private hosted zones: give the VPC (VPCId and"
                    + " VPCRegion) to associate the zone with");
        }
        if (in.hostedZoneConfig() != null && Boolean.FALSE.equals(in.hostedZoneConfig().privateZone())) {
            throw new ServiceException("InvalidInput", "A zone created with a VPC is private; PrivateZone cannot be"
                    + " false");
        }
        if (in.delegationSetId() != null) {
            throw new ServiceException("InvalidInput", "Delegation sets apply to public hosted zones only");
        }
        String region = vpc.vpcRegion() == null ? ctx.region() : vpc.vpcRegion();
        String comment = in.hostedZoneConfig() == null ? null : in.hostedZoneConfig().comment();
        HostedZones.Created created = zones.create(in.name(), comment, in.callerReference(), region, vpc.vpcId());
        return new Route53Shapes.CreateHostedZoneResponse(shape(created.zone()), info(created.change()),
                new Vpc(region, vpc.vpcId()));
    }

    private HostedZone zone(String id) {
        String bare = zoneId(id);
        return HostedZones.zoneOrThrow(zones.hostedZone(bare), bare);
    }

    private Route53Shapes.GetHostedZoneResponse getHostedZone(RequestContext ctx, Route53Shapes.ZoneIdRequest in) {
        HostedZone z = zone(in.id());
        List<Vpc> vpcs = z.vpcId() == null ? List.of() : List.of(new Vpc(z.vpcRegion(), z.vpcId()));
        return new Route53Shapes.GetHostedZoneResponse(shape(z), vpcs);
    }

    private ChangeInfoResponse deleteHostedZone(RequestContext ctx, Route53Shapes.ZoneIdRequest in) {
        return new ChangeInfoResponse(info(zones.deleteHostedZone(zoneId(in.id()))));
    }

    private static int maxItems(String text, int limit) {
        if (text == null) {
            return limit;
        }
        try {
            int n = Integer.parseInt(text);
            if (n >= 1) {
                return Math.min(n, limit);
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new ServiceException("InvalidInput", "MaxItems must be a positive number, got '" + text + "'");
    }

    private Route53Shapes.ListHostedZonesResponse listHostedZones(RequestContext ctx,
                                                                  Route53Shapes.ListHostedZonesRequest in) {
        if (in.delegationSetId() != null) {
            throw new ServiceException("InvalidInput", "Mooring's zones are private: they have no delegation sets");
        }
        if (in.hostedZoneType() != null && !in.hostedZoneType().equals("PrivateHostedZone")) {
            throw new ServiceException("InvalidInput", "HostedZoneType must be PrivateHostedZone");
        }
        int max = maxItems(in.maxItems(), MAX_ZONES);
        List<HostedZone> all = zones.hostedZones().stream().sorted(Comparator.comparing(HostedZone::id)).toList();
        String after = in.marker() == null ? null : zoneId(in.marker());
        List<HostedZone> rest = all.stream().filter(z -> after == null || z.id().compareTo(after) >= 0).toList();
        List<HostedZone> page = rest.stream().limit(max).toList();
        boolean truncated = rest.size() > max;
        return new Route53Shapes.ListHostedZonesResponse(page.stream().map(this::shape).toList(),
                in.marker() == null ? "" : in.marker(), truncated, truncated ? rest.get(max).id() : null,
                Integer.toString(max));
    }

    private Route53Shapes.ListHostedZonesByNameResponse listHostedZonesByName(
            RequestContext ctx, Route53Shapes.ListHostedZonesByNameRequest in) {
        if (in.hostedZoneId() != null && in.dnsName() == null) {
            throw new ServiceException("InvalidInput", "HostedZoneId can be given only with DNSName");
        }
        int max = maxItems(in.maxItems(), MAX_ZONES);
        Comparator<HostedZone> order = Comparator.comparing((HostedZone z) -> DomainNames.reversed(z.name()))
                .thenComparing(HostedZone::id);
        List<HostedZone> all = zones.hostedZones().stream().sorted(order).toList();
        List<HostedZone> rest = all;
        if (in.dnsName() != null) {
            String start = DomainNames.reversed(DomainNames.canonical("DNSName", in.dnsName()));
            String startId = in.hostedZoneId() == null ? "" : zoneId(in.hostedZoneId());
            rest = all.stream().filter(z -> {
                int c = DomainNames.reversed(z.name()).compareTo(start);
                return c > 0 || c == 0 && z.id().compareTo(startId) >= 0;
            }).toList();
        }
        List<HostedZone> page = rest.stream().limit(max).toList();
        boolean truncated = rest.size() > max;
        return new Route53Shapes.ListHostedZonesByNameResponse(page.stream().map(this::shape).toList(),
                in.dnsName(), in.hostedZoneId(), truncated, truncated ? rest.get(max).name() : null,
                truncated ? rest.get(max).id() : null, Integer.toString(max));
    }

    private ChangeInfoResponse changeResourceRecordSets(RequestContext ctx,
                                                        Route53Shapes.ChangeResourceRecordSetsRequest in) {
        String id = zoneId(in.id());
        if (in.changeBatch() == null || in.changeBatch().changes() == null) {
            throw new ServiceException("InvalidInput", "ChangeBatch with Changes is required");
        }
        List<HostedZones.Change> batch = new ArrayList<>();
        for (Route53Shapes.Change c : in.changeBatch().changes()) {
            RecordSet r = c.resourceRecordSet();
            if (r == null) {
                throw new ServiceException("InvalidInput", "Each change needs a ResourceRecordSet");
            }
            if (r.failover() != null || r.multiValueAnswer() != null || r.healthCheckId() != null) {
                throw new ServiceException("InvalidInput", "Failover, multivalue answer and health-checked record"
                        + " sets are not supported by Mooring (record set " + r.name() + ")");
            }
            List<String> values = r.resourceRecords() == null ? null
                    : r.resourceRecords().stream().map(Route53Shapes.ResourceRecord::value).toList();
            ResourceRecordSet.AliasTarget alias = r.aliasTarget() == null ? null
                    : new ResourceRecordSet.AliasTarget(r.aliasTarget().hostedZoneId(), r.aliasTarget().dnsName(),
                    r.aliasTarget().evaluateTargetHealth());
            if (alias != null && (alias.hostedZoneId() == null || alias.hostedZoneId().isEmpty())) {
                throw new ServiceException("InvalidInput", "AliasTarget of " + r.name() + " needs a HostedZoneId");
            }
            batch.add(new HostedZones.Change(c.action(), new ResourceRecordSet(id, r.name(), r.type(),
                    r.setIdentifier(), r.ttl(), values, alias, r.weight(), r.region())));
        }
        return new ChangeInfoResponse(info(zones.apply(id, batch, in.changeBatch().comment())));
    }

    private static RecordSet shape(ResourceRecordSet r) {
        return new RecordSet(r.name(), r.type(), r.setIdentifier(), r.weight(), r.region(), r.ttl(),
                r.values() == null ? null : r.values().stream().map(Route53Shapes.ResourceRecord::new).toList(),
                r.aliasTarget() == null ? null : new Route53Shapes.AliasTarget(r.aliasTarget().hostedZoneId(),
                        r.aliasTarget().dnsName(), r.aliasTarget().evaluateTargetHealth()), null, null, null);
    }

    /** Route 53's listing order: name with labels reversed, then type, then set identifier. */
    private static String order(ResourceRecordSet r) {
        return DomainNames.reversed(r.name()) + "\u0000" + r.type() + "\u0000"
                + (r.setIdentifier() == null ? "" : r.setIdentifier());
    }

    private Route53Shapes.ListResourceRecordSetsResponse listResourceRecordSets(
            RequestContext ctx, Route53Shapes.ListResourceRecordSetsRequest in) {
        HostedZone z = zone(in.id());
        if (in.startRecordType() != null && in.startRecordName() == null) {
            throw new ServiceException("InvalidInput", "The type can be given only with a name");
        }
        if (in.startRecordIdentifier() != null && in.startRecordType() == null) {
            throw new ServiceException("InvalidInput", "The identifier can be given only with a name and type");
        }
        int max = maxItems(in.maxItems(), MAX_RECORD_SETS);
        List<ResourceRecordSet> all = zones.recordSets(z.id()).stream()
                .sorted(Comparator.comparing(Route53Api::order)).toList();
        List<ResourceRecordSet> rest = all;
        if (in.startRecordName() != null) {
            String start = DomainNames.reversed(DomainNames.canonical("name", in.startRecordName())) + "\u0000"
                    + (in.startRecordType() == null ? "" : in.startRecordType() + "\u0000"
                    + (in.startRecordIdentifier() == null ? "" : in.startRecordIdentifier()));
            rest = all.stream().filter(r -> order(r).compareTo(start) >= 0).toList();
        }
        List<ResourceRecordSet> page = rest.stream().limit(max).toList();
        boolean truncated = rest.size() > max;
        ResourceRecordSet next = truncated ? rest.get(max) : null;
        return new Route53Shapes.ListResourceRecordSetsResponse(page.stream().map(Route53Api::shape).toList(),
                truncated, next == null ? null : next.name(), next == null ? null : next.type(),
                next == null ? null : next.setIdentifier(), Integer.toString(max));
    }

    private static String taggedZone(Route53Shapes.TagResourceRequest in) {
        if (!"hostedzone".equals(in.resourceType())) {
            throw new ServiceException("InvalidInput", "Mooring tags hosted zones only; resource type '"
                    + in.resourceType() + "' is not supported");
        }
        return zoneId(in.resourceId());
    }

    private Route53Shapes.ListTagsForResourceResponse listTags(RequestContext ctx,
                                                               Route53Shapes.TagResourceRequest in) {
        String id = taggedZone(in);
        List<Route53Shapes.Tag> tags = zones.tags(id).stream().map(t -> new Route53Shapes.Tag(t.key(), t.value()))
                .toList();
        return new Route53Shapes.ListTagsForResourceResponse(new Route53Shapes.ResourceTagSet("hostedzone", id,
                tags));
    }

    private Object changeTags(RequestContext ctx, Route53Shapes.TagResourceRequest in) {
        String id = taggedZone(in);
        zones.changeTags(id, in.addTags() == null ? null : in.addTags().stream()
                .map(t -> new ZoneTags.Tag(t.key(), t.value())).toList(), in.removeTagKeys());
        return null;
    }

    private ChangeInfoResponse getChange(RequestContext ctx, Route53Shapes.ZoneIdRequest in) {
        String id = bare(in.id(), "/change/");
        return new ChangeInfoResponse(info(zones.changeRecord(id).orElseThrow(() -> new ServiceException(
                "NoSuchChange", ErrorKind.NOT_FOUND, "A change with the specified change ID does not exist: " + id))));
    }
}
