package dev.mooring.elb;

import dev.mooring.core.operation.RequestContext;
import dev.mooring.elb.shape.AvailabilityZone;
import dev.mooring.elb.shape.IpAddressType;
import dev.mooring.elb.shape.LoadBalancer;
import dev.mooring.elb.shape.LoadBalancerState;
import dev.mooring.elb.shape.LoadBalancerStateCode;
import dev.mooring.elb.shape.LoadBalancerType;
import dev.mooring.elb.shape.Scheme;
import dev.mooring.elb.shape.SubnetMapping;
import dev.mooring.store.Tx;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/** CreateLoadBalancer, DescribeLoadBalancers, DeleteLoadBalancer and the load balancer attribute operations. */
final class LoadBalancerOperations {
    /** ELBv2 names: 1–32 letters, digits and hyphens, not starting or ending with a hyphen. */
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,30}[A-Za-z0-9])?");
    private static final int MAX_LOAD_BALANCERS = 50;

    private final ElbTables t;

    LoadBalancerOperations(ElbTables tables) {
        this.t = tables;
    }

    Results.LoadBalancers create(RequestContext ctx, Requests.CreateLoadBalancer in) {
        String name = Errors.required(in.name(), "Name");
        if (!NAME.matcher(name).matches() || name.startsWith("internal-")) {
            throw Errors.validation("Load balancer name '" + name + "' must be 1 to 32 letters, digits and hyphens,"
                    + " must not begin or end with a hyphen, and must not begin with 'internal-'");
        }
        LoadBalancerType type = in.type() == null ? LoadBalancerType.APPLICATION : in.type();
        if (type != LoadBalancerType.APPLICATION) {
            throw Errors.validation("Mooring runs application load balancers only; type '" + type.wire()
                    + "' is not supported");
        }
        IpAddressType ipType = in.ipAddressType() == null ? IpAddressType.IPV4 : in.ipAddressType();
        if (ipType != IpAddressType.IPV4) {
            throw Errors.validation("Mooring's task network is IPv4 only; IP address type '" + ipType.wire()
                    + "' is not supported");
        }
        if (in.subnets() != null && !in.subnets().isEmpty() && in.subnetMappings() != null
                && !in.subnetMappings().isEmpty()) {
            throw Errors.validation("Specify either subnets or subnet mappings, not both");
        }
        Scheme scheme = in.scheme() == null ? Scheme.INTERNET_FACING : in.scheme();
        List<String> subnets = in.subnetMappings() != null && !in.subnetMappings().isEmpty()
                ? in.subnetMappings().stream().map(SubnetMapping::subnetId).toList()
                : in.subnets() == null ? List.of() : List.copyOf(in.subnets());
        List<String> securityGroups = in.securityGroups() == null ? List.of() : List.copyOf(in.securityGroups());
        var tags = Tags.valid(in.tags());
        return t.store().write(tx -> {
            var existing = tx.stream(t.loadBalancers()).filter(lb -> inRegion(ctx, lb.arn())
                    && lb.loadBalancer().loadBalancerName().equals(name)).findFirst();
            if (existing.isPresent()) {
                LoadBalancer lb = existing.get().loadBalancer();
                // AWS: creating the same load balancer again succeeds as long as the settings are identical
                if (lb.scheme() == scheme && subnetsOf(lb).equals(subnets)
                        && lb.securityGroups().equals(securityGroups)) {
                    return new Results.LoadBalancers(List.of(lb), null);
                }
                throw Errors.of("DuplicateLoadBalancerName", "A load balancer with the same name '" + name
                        + "' exists, but with different settings");
            }
            if (tx.stream(t.loadBalancers()).filter(lb -> inRegion(ctx, lb.arn())).count() >= MAX_LOAD_BALANCERS) {
                throw Errors.of("TooManyLoadBalancers", "The quota of " + MAX_LOAD_BALANCERS
                        + " load balancers per region is reached");
            }
            LoadBalancer lb = new LoadBalancer(Arns.loadBalancer(ctx, name),
                    Arns.dnsName(name, scheme == Scheme.INTERNAL, ctx.region()),
                    Arns.canonicalHostedZoneId(ctx.region()), ctx.receivedAt().truncatedTo(ChronoUnit.MILLIS), name,
                    scheme, Arns.vpcId(ctx), new LoadBalancerState(LoadBalancerStateCode.PROVISIONING, null), type,
                    zones(ctx.region(), subnets), securityGroups, ipType);
            tx.put(t.loadBalancers(), new StoredLoadBalancer(lb, Map.of(), tags, null));
            return new Results.LoadBalancers(List.of(lb), null);
        });
    }

    /** One zone per subnet given, named {@code <region>a}, {@code b}, …; one VPC has no real subnets to look up. */
    private static List<AvailabilityZone> zones(String region, List<String> subnets) {
        List<AvailabilityZone> out = new ArrayList<>();
        for (int i = 0; i < Math.max(1, subnets.size()); i++) {
            out.add(new AvailabilityZone(region + (char) ('a' + i % 26), i < subnets.size() ? subnets.get(i) : null,
                    List.of()));
        }
        return out;
    }

    private static List<String> subnetsOf(LoadBalancer lb) {
        return lb.availabilityZones().stream().map(AvailabilityZone::subnetId).filter(Objects::nonNull).toList();
    }

    static boolean inRegion(RequestContext ctx, String arn) {
        return arn.startsWith(ctx.arnPrefix(Arns.SERVICE));
    }

    Results.LoadBalancers describe(RequestContext ctx, Requests.DescribeLoadBalancers in) {
        boolean byArn = in.loadBalancerArns() != null && !in.loadBalancerArns().isEmpty();
        boolean byName = in.names() != null && !in.names().isEmpty();
        if (byArn && byName) {
            throw Errors.validation("Load balancer names and load balancer ARNs cannot be specified at the same time");
        }
        List<LoadBalancer> all = t.loadBalancers().withPrefix(Arns.prefix(ctx, "loadbalancer"))
                .map(StoredLoadBalancer::loadBalancer).toList();
        List<LoadBalancer> chosen;
        if (byArn) {
            chosen = new ArrayList<>();
            for (String arn : in.loadBalancerArns()) {
                chosen.add(all.stream().filter(lb -> lb.loadBalancerArn().equals(arn)).findFirst()
                        .orElseThrow(() -> Errors.loadBalancerNotFound("'" + arn + "'")));
            }
        } else if (byName) {
            chosen = new ArrayList<>();
            for (String name : in.names()) {
                chosen.add(all.stream().filter(lb -> lb.loadBalancerName().equals(name)).findFirst()
                        .orElseThrow(() -> Errors.loadBalancerNotFound("'" + name + "'")));
            }
        } else {
            chosen = all;
        }
        List<LoadBalancer> sorted = chosen.stream().distinct()
                .sorted(Comparator.comparing(LoadBalancer::loadBalancerArn)).toList();
        Paging<LoadBalancer> page = Paging.of(sorted, LoadBalancer::loadBalancerArn, in.marker(), in.pageSize());
        return new Results.LoadBalancers(page.items(), page.nextMarker());
    }

    /** Deletes the load balancer with its listeners and rules; deleting one that is gone succeeds, as on AWS. */
    Object delete(RequestContext ctx, Requests.DeleteLoadBalancer in) {
        String arn = Errors.required(in.loadBalancerArn(), "LoadBalancerArn");
        t.store().write(tx -> {
            var lb = tx.get(t.loadBalancers(), arn);
            if (lb.isEmpty()) {
                return null;
            }
            if ("true".equals(Attributes.value(Attributes.LOAD_BALANCER, lb.get().attributes(),
                    Attributes.DELETION_PROTECTION))) {
                throw Errors.of("OperationNotPermitted", "Load balancer '" + arn
                        + "' cannot be deleted because deletion protection is enabled");
            }
            deleteListeners(tx, arn);
            tx.delete(t.loadBalancers(), arn);
            return null;
        });
        return null;
    }

    private void deleteListeners(Tx tx, String loadBalancerArn) {
        String prefix = Arns.listenersOf(loadBalancerArn);
        tx.stream(t.listeners()).filter(l -> l.arn().startsWith(prefix)).toList().forEach(l -> {
            String rules = Arns.rulesOf(l.arn());
            tx.stream(t.rules()).filter(r -> r.arn().startsWith(rules)).toList()
                    .forEach(r -> tx.delete(t.rules(), r.arn()));
            tx.delete(t.listeners(), l.arn());
        });
    }

    Results.Attributes modifyAttributes(RequestContext ctx, Requests.ModifyLoadBalancerAttributes in) {
        String arn = Errors.required(in.loadBalancerArn(), "LoadBalancerArn");
        return t.store().write(tx -> {
            StoredLoadBalancer lb = tx.get(t.loadBalancers(), arn)
                    .orElseThrow(() -> Errors.loadBalancerNotFound("'" + arn + "'"));
            var next = Attributes.apply(Attributes.LOAD_BALANCER, lb.attributes(), in.attributes(), "Load balancer");
            tx.put(t.loadBalancers(), lb.with(lb.loadBalancer(), next, lb.tags()));
            return new Results.Attributes(Attributes.describe(Attributes.LOAD_BALANCER, next));
        });
    }

    Results.Attributes describeAttributes(RequestContext ctx, Requests.DescribeLoadBalancerAttributes in) {
        String arn = Errors.required(in.loadBalancerArn(), "LoadBalancerArn");
        StoredLoadBalancer lb = t.loadBalancers().get(arn)
                .orElseThrow(() -> Errors.loadBalancerNotFound("'" + arn + "'"));
        return new Results.Attributes(Attributes.describe(Attributes.LOAD_BALANCER, lb.attributes()));
    }
}
