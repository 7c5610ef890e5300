package dev.mooring.elb;

import dev.mooring.core.operation.RequestContext;
import dev.mooring.elb.shape.Action;
import dev.mooring.elb.shape.IpAddressType;
import dev.mooring.elb.shape.Matcher;
import dev.mooring.elb.shape.Protocol;
import dev.mooring.elb.shape.TargetGroup;
import dev.mooring.elb.shape.TargetGroupTuple;
import dev.mooring.elb.shape.TargetType;
import dev.mooring.store.Snapshot;
import dev.mooring.store.Tx;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The target group operations, and which load balancers use a target group (through listeners and rules). */
final class TargetGroupOperations {
    /** ALB's health check defaults (the timeout is 5 s: AWS's documented default for HTTP target groups). */
    static final int DEFAULT_INTERVAL = 30;
    static final int DEFAULT_TIMEOUT = 5;
    static final int DEFAULT_HEALTHY = 5;
    static final int DEFAULT_UNHEALTHY = 2;
    static final String TRAFFIC_PORT = "traffic-port";
    private static final Pattern HTTP_CODES = Pattern.compile("\\d{3}(-\\d{3})?(,\\d{3}(-\\d{3})?)*");

    private final ElbTables t;

    TargetGroupOperations(ElbTables tables) {
        this.t = tables;
    }

    Results.TargetGroups create(RequestContext ctx, Requests.CreateTargetGroup in) {
        String name = Errors.required(in.name(), "Name");
        if (!LoadBalancerOperations.NAME.matcher(name).matches()) {
            throw Errors.validation("Target group name '" + name + "' must be 1 to 32 letters, digits and hyphens,"
                    + " and must not begin or end with a hyphen");
        }
        TargetType type = in.targetType() == null ? TargetType.INSTANCE : in.targetType();
        if (type != TargetType.IP) {
            throw Errors.validation("Target type '" + type.wire() + "' is not supported: Mooring has no EC2 instances,"
                    + " Lambda functions or nested load balancers; create target groups with target type 'ip'"
                    + (in.targetType() == null ? " (AWS defaults to 'instance')" : ""));
        }
        Protocol protocol = Errors.required(in.protocol(), "Protocol");
        if (protocol != Protocol.HTTP) {
            throw Errors.of("UnsupportedProtocol", "Mooring's application load balancers reach targets over HTTP only;"
                    + " protocol '" + protocol.wire() + "' is not supported");
        }
        int port = Errors.range(Errors.required(in.port(), "Port"), "Port", 1, 65535);
        String vpcId = Errors.required(in.vpcId(), "VpcId");
        String version = in.protocolVersion() == null ? "HTTP1" : in.protocolVersion();
        if (!version.equals("HTTP1")) {
            throw Errors.validation("Protocol version '" + version
                    + "' is not supported; Mooring's targets speak HTTP1");
        }
        IpAddressType ipType = in.ipAddressType() == null ? IpAddressType.IPV4 : in.ipAddressType();
        if (ipType != IpAddressType.IPV4) {
            throw Errors.validation("IP address type '" + ipType.wire() + "' is not supported; use ipv4");
        }
        TargetGroup tg = healthCheck(new TargetGroup(null, name, protocol, port, vpcId, Protocol.HTTP,
                TRAFFIC_PORT, true, DEFAULT_INTERVAL, DEFAULT_TIMEOUT, DEFAULT_HEALTHY, DEFAULT_UNHEALTHY, "/",
                new Matcher("200", null), List.of(), type, version, ipType),
                in.healthCheckProtocol(), in.healthCheckPort(), in.healthCheckPath(), in.healthCheckEnabled(),
                in.healthCheckIntervalSeconds(), in.healthCheckTimeoutSeconds(), in.healthyThresholdCount(),
                in.unhealthyThresholdCount(), in.matcher());
        var tags = Tags.valid(in.tags());
        return t.store().write(tx -> {
            var existing = tx.stream(t.targetGroups()).filter(g -> LoadBalancerOperations.inRegion(ctx, g.arn())
                    && g.targetGroup().targetGroupName().equals(name)).findFirst();
            if (existing.isPresent()) {
                TargetGroup old = existing.get().targetGroup();
                if (sameSettings(old, tg)) {
                    return new Results.TargetGroups(List.of(withUsers(tx.stream(t.listeners()),
                            tx.stream(t.rules()), old)), null);
                }
                throw Errors.of("DuplicateTargetGroupName", "A target group with the same name '" + name
                        + "' exists, but with different settings");
            }
            TargetGroup created = withArn(tg, Arns.targetGroup(ctx, name));
            tx.put(t.targetGroups(), new StoredTargetGroup(created, Map.of(), tags));
            return new Results.TargetGroups(List.of(created), null);
        });
    }

    private static boolean sameSettings(TargetGroup a, TargetGroup b) {
        return withArn(a, null).equals(withArn(b, null).withLoadBalancerArns(a.loadBalancerArns()));
    }

    private static TargetGroup withArn(TargetGroup g, String arn) {
        return new TargetGroup(arn, g.targetGroupName(), g.protocol(), g.port(), g.vpcId(), g.healthCheckProtocol(),
                g.healthCheckPort(), g.healthCheckEnabled(), g.healthCheckIntervalSeconds(),
                g.healthCheckTimeoutSeconds(), g.healthyThresholdCount(), g.unhealthyThresholdCount(),
                g.healthCheckPath(), g.matcher(), g.loadBalancerArns(), g.targetType(), g.protocolVersion(),
                g.ipAddressType());
    }

    /** {@code g} with the health check members that are given changed, checked as ALB checks them. */
    private static TargetGroup healthCheck(TargetGroup g, Protocol protocol, String port, String path,
                                           Boolean enabled, Integer interval, Integer timeout, Integer healthy,
                                           Integer unhealthy, Matcher matcher) {
        Protocol p = protocol == null ? g.healthCheckProtocol() : protocol;
        if (p != Protocol.HTTP) {
            throw Errors.validation("Health check protocol '" + p.wire() + "' is not supported; Mooring checks over"
                    + " HTTP");
        }
        String hcPort = port == null ? g.healthCheckPort() : port;
        if (!hcPort.equals(TRAFFIC_PORT)) {
            try {
                Errors.range(Integer.parseInt(hcPort), "HealthCheckPort", 1, 65535);
            } catch (NumberFormatException e) {
                throw Errors.validation("Health check port '" + hcPort + "' must be 'traffic-port' or 1 to 65535");
            }
        }
        String hcPath = path == null ? g.healthCheckPath() : path;
        if (!hcPath.startsWith("/") || hcPath.length() > 1024) {
            throw Errors.validation("Health check path '" + hcPath + "' must start with '/' and be at most 1024"
                    + " characters");
        }
        int i = interval == null ? g.healthCheckIntervalSeconds()
                : Errors.range(interval, "HealthCheckIntervalSeconds", 5, 300);
        int to = timeout == null ? g.healthCheckTimeoutSeconds()
                : Errors.range(timeout, "HealthCheckTimeoutSeconds", 2, 120);
        if (to >= i) {
            throw Errors.validation("Health check interval must be greater than the timeout (interval " + i
                    + " s, timeout " + to + " s)");
        }
        int h = healthy == null ? g.healthyThresholdCount() : Errors.range(healthy, "HealthyThresholdCount", 2, 10);
        int u = unhealthy == null ? g.unhealthyThresholdCount()
                : Errors.range(unhealthy, "UnhealthyThresholdCount", 2, 10);
        Matcher m = g.matcher();
        if (matcher != null) {
            if (matcher.grpcCode() != null) {
                throw Errors.validation("gRPC matchers are not supported; Mooring's targets speak HTTP1");
            }
            String codes = Errors.required(matcher.httpCode(), "HttpCode");
            if (!HTTP_CODES.matcher(codes).matches() || !codesInRange(codes)) {
                throw Errors.validation("Health check matcher '" + codes + "' must be codes from 200 to 499, as"
                        + " '200', '200,202' or '200-299'");
            }
            m = new Matcher(codes, null);
        }
        return new TargetGroup(g.targetGroupArn(), g.targetGroupName(), g.protocol(), g.port(), g.vpcId(), p,
                hcPort, enabled == null ? g.healthCheckEnabled() : enabled, i, to, h, u, hcPath, m,
                g.loadBalancerArns(), g.targetType(), g.protocolVersion(), g.ipAddressType());
    }

    private static boolean codesInRange(String codes) {
        return Stream.of(codes.split("[,-]")).mapToInt(Integer::parseInt).allMatch(c -> c >= 200 && c <= 499);
    }

    Results.TargetGroups describe(RequestContext ctx, Requests.DescribeTargetGroups in) {
        int ways = (in.loadBalancerArn() != null ? 1 : 0)
                + (in.targetGroupArns() != null && !in.targetGroupArns().isEmpty() ? 1 : 0)
                + (in.names() != null && !in.names().isEmpty() ? 1 : 0);
        if (ways > 1) {
            throw Errors.validation("Specify at most one of load balancer ARN, target group ARNs and names");
        }
        Snapshot s = t.store().snapshot();
        List<TargetGroup> all = s.withPrefix(t.targetGroups(), Arns.prefix(ctx, "targetgroup"))
                .map(g -> withUsers(s.stream(t.listeners()), s.stream(t.rules()), g.targetGroup())).toList();
        List<TargetGroup> chosen;
        if (in.loadBalancerArn() != null) {
            if (s.get(t.loadBalancers(), in.loadBalancerArn()).isEmpty()) {
                throw Errors.loadBalancerNotFound("'" + in.loadBalancerArn() + "'");
            }
            chosen = all.stream().filter(g -> g.loadBalancerArns().contains(in.loadBalancerArn())).toList();
        } else if (in.targetGroupArns() != null && !in.targetGroupArns().isEmpty()) {
            chosen = new ArrayList<>();
            for (String arn : in.targetGroupArns()) {
                chosen.add(all.stream().filter(g -> g.targetGroupArn().equals(arn)).findFirst()
                        .orElseThrow(() -> Errors.targetGroupNotFound("'" + arn + "'")));
            }
        } else if (in.names() != null && !in.names().isEmpty()) {
            chosen = new ArrayList<>();
            for (String name : in.names()) {
                chosen.add(all.stream().filter(g -> g.targetGroupName().equals(name)).findFirst()
                        .orElseThrow(() -> Errors.targetGroupNotFound("'" + name + "'")));
            }
        } else {
            chosen = all;
        }
        List<TargetGroup> sorted = chosen.stream().distinct()
                .sorted(Comparator.comparing(TargetGroup::targetGroupArn)).toList();
        Paging<TargetGroup> page = Paging.of(sorted, TargetGroup::targetGroupArn, in.marker(), in.pageSize());
        return new Results.TargetGroups(page.items(), page.nextMarker());
    }

    /** The target groups an action forwards to. */
    static Stream<String> forwardedTo(Action a) {
        Stream<String> single = a.targetGroupArn() == null ? Stream.empty() : Stream.of(a.targetGroupArn());
        Stream<String> weighted = a.forwardConfig() == null || a.forwardConfig().targetGroups() == null
                ? Stream.empty() : a.forwardConfig().targetGroups().stream().map(TargetGroupTuple::targetGroupArn);
        return Stream.concat(single, weighted).filter(Objects::nonNull).distinct();
    }

    /** The load balancers whose listeners or rules forward to {@code targetGroupArn}. */
    static Set<String> users(Stream<StoredListener> listeners, Stream<StoredRule> rules, String targetGroupArn) {
        Set<String> out = new TreeSet<>();
        listeners.forEach(l -> l.listener().defaultActions().stream().flatMap(TargetGroupOperations::forwardedTo)
                .filter(targetGroupArn::equals).findAny().ifPresent(x -> out.add(l.listener().loadBalancerArn())));
        rules.forEach(r -> r.rule().actions().stream().flatMap(TargetGroupOperations::forwardedTo)
                .filter(targetGroupArn::equals).findAny().ifPresent(x -> out.add(Arns.loadBalancerOf(r.arn()))));
        return out;
    }

    static TargetGroup withUsers(Stream<StoredListener> listeners, Stream<StoredRule> rules, TargetGroup g) {
        return g.withLoadBalancerArns(List.copyOf(users(listeners, rules, g.targetGroupArn())));
    }

    Object delete(RequestContext ctx, Requests.DeleteTargetGroup in) {
        String arn = Errors.required(in.targetGroupArn(), "TargetGroupArn");
        t.store().write(tx -> {
            if (tx.get(t.targetGroups(), arn).isEmpty()) {
                return null; // gone already: deleting it again succeeds
            }
            if (!users(tx.stream(t.listeners()), tx.stream(t.rules()), arn).isEmpty()) {
                throw Errors.of("ResourceInUse", "Target group '" + arn
                        + "' is currently in use by a listener or a rule");
            }
            tx.stream(t.registrations()).filter(r -> r.targetGroupArn().equals(arn)).toList()
                    .forEach(r -> tx.delete(t.registrations(), r.key()));
            tx.delete(t.targetGroups(), arn);
            return null;
        });
        return null;
    }

    Results.TargetGroups modify(RequestContext ctx, Requests.ModifyTargetGroup in) {
        String arn = Errors.required(in.targetGroupArn(), "TargetGroupArn");
        return t.store().write(tx -> {
            StoredTargetGroup g = get(tx, arn);
            TargetGroup next = healthCheck(g.targetGroup(), in.healthCheckProtocol(), in.healthCheckPort(),
                    in.healthCheckPath(), in.healthCheckEnabled(), in.healthCheckIntervalSeconds(),
                    in.healthCheckTimeoutSeconds(), in.healthyThresholdCount(), in.unhealthyThresholdCount(),
                    in.matcher());
            tx.put(t.targetGroups(), new StoredTargetGroup(next, g.attributes(), g.tags()));
            return new Results.TargetGroups(List.of(withUsers(tx.stream(t.listeners()), tx.stream(t.rules()), next)),
                    null);
        });
    }

    Results.Attributes modifyAttributes(RequestContext ctx, Requests.ModifyTargetGroupAttributes in) {
        String arn = Errors.required(in.targetGroupArn(), "TargetGroupArn");
        return t.store().write(tx -> {
            StoredTargetGroup g = get(tx, arn);
            var next = Attributes.apply(Attributes.TARGET_GROUP, g.attributes(), in.attributes(), "Target group");
            tx.put(t.targetGroups(), new StoredTargetGroup(g.targetGroup(), next, g.tags()));
            return new Results.Attributes(Attributes.describe(Attributes.TARGET_GROUP, next));
        });
    }

    Results.Attributes describeAttributes(RequestContext ctx, Requests.DescribeTargetGroupAttributes in) {
        String arn = Errors.required(in.targetGroupArn(), "TargetGroupArn");
        StoredTargetGroup g = t.targetGroups().get(arn).orElseThrow(() -> Errors.targetGroupNotFound("'" + arn + "'"));
        return new Results.Attributes(Attributes.describe(Attributes.TARGET_GROUP, g.attributes()));
    }

    private StoredTargetGroup get(Tx tx, String arn) {
        return existing(t, tx, arn);
    }

    /** The target group {@code arn}, or TargetGroupNotFound. */
    static StoredTargetGroup existing(ElbTables t, Tx tx, String arn) {
        return tx.get(t.targetGroups(), arn).orElseThrow(() -> Errors.targetGroupNotFound("'" + arn + "'"));
    }
}
