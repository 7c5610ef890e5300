package dev.mooring.elb;

import dev.mooring.core.operation.RequestContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

/**
 * ELBv2's ARN, id and DNS name formats: {@code …:loadbalancer/app/<name>/<16 hex>},
 * {@code …:targetgroup/<name>/<16 hex>}, {@code …:listener/app/<name>/<lb id>/<16 hex>},
 * {@code …:listener-rule/app/<name>/<lb id>/<listener id>/<16 hex>}, DNS names
 * {@code [internal-]<name>-<10 digits>.<region>.elb.amazonaws.com}.
 */
public final class Arns {
    public static final String SERVICE = "elasticloadbalancing";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The kinds of resource an ELBv2 ARN names. */
    public enum Kind { LOAD_BALANCER, TARGET_GROUP, LISTENER, RULE }

    private Arns() {}

    static String hex16() {
        byte[] b = new byte[8];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    static String loadBalancer(RequestContext ctx, String name) {
        return ctx.arnPrefix(SERVICE) + "loadbalancer/app/" + name + "/" + hex16();
    }

    static String targetGroup(RequestContext ctx, String name) {
        return ctx.arnPrefix(SERVICE) + "targetgroup/" + name + "/" + hex16();
    }

    static String listener(String loadBalancerArn) {
        return loadBalancerArn.replaceFirst(":loadbalancer/", ":listener/") + "/" + hex16();
    }

    static String rule(String listenerArn) {
        return listenerArn.replaceFirst(":listener/", ":listener-rule/") + "/" + hex16();
    }

    /** Where the listeners of a load balancer are keyed. */
    static String listenersOf(String loadBalancerArn) {
        return loadBalancerArn.replaceFirst(":loadbalancer/", ":listener/") + "/";
    }

    /** Where the rules of a listener are keyed. */
    static String rulesOf(String listenerArn) {
        return listenerArn.replaceFirst(":listener/", ":listener-rule/") + "/";
    }

    /** The load balancer a listener or rule ARN belongs to. */
    static String loadBalancerOf(String listenerOrRuleArn) {
        String arn = listenerOrRuleArn.replaceFirst(":listener(-rule)?/", ":loadbalancer/");
        String[] parts = arn.split("/");
        return parts[0] + "/" + parts[1] + "/" + parts[2] + "/" + parts[3];
    }

    /** The kind of resource an ARN names, if it is an ELBv2 ARN at all. */
    static Optional<Kind> kind(String arn) {
        if (arn == null || !arn.startsWith("arn:aws:" + SERVICE + ":")) {
            return Optional.empty();
        }
        String resource = arn.split(":", 6).length == 6 ? arn.split(":", 6)[5] : "";
        if (resource.startsWith("loadbalancer/app/")) {
            return Optional.of(Kind.LOAD_BALANCER);
        }
        if (resource.startsWith("targetgroup/")) {
            return Optional.of(Kind.TARGET_GROUP);
        }
        if (resource.startsWith("listener/app/")) {
            return Optional.of(Kind.LISTENER);
        }
        if (resource.startsWith("listener-rule/app/")) {
            return Optional.of(Kind.RULE);
        }
        return Optional.empty();
    }

    static String prefix(RequestContext ctx, String resourceType) {
        return ctx.arnPrefix(SERVICE) + resourceType + "/";
    }

    /** {@code [internal-]<name>-<10 digits>.<region>.elb.amazonaws.com}. */
    static String dnsName(String name, boolean internal, String region) {
        long digits = 1_000_000_000L + (RANDOM.nextLong() & Long.MAX_VALUE) % 9_000_000_000L;
        return (internal ? "internal-" : "") + name + "-" + digits + "." + region + ".elb.amazonaws.com";
    }

    /** The zone under which a region's load balancer names are answered. */
    public static String dnsZone(String region) {
        return region + ".elb.amazonaws.com";
    }

    /**
     * The hosted zone id alias records name for a region's load balancers. AWS publishes one per region; Mooring
     * derives a stable one from the region so that it never changes between runs.
     */
    static String canonicalHostedZoneId(String region) {
        return "Z" + stable("elb-zone:" + region, 13).toUpperCase(java.util.Locale.ROOT);
    }

    /** The one VPC of a region and account (Mooring has one task network). */
    static String vpcId(RequestContext ctx) {
        return "vpc-" + stable("vpc:" + ctx.region() + ":" + ctx.accountId(), 17);
    }

    private static String stable(String seed, int length) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8));
            String hex = HexFormat.of().formatHex(digest);
            return hex.substring(0, length);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
