package dev.mooring.connect.plan;

import dev.mooring.connect.plan.TrafficPolicy.LoadBalancing;
import dev.mooring.connect.plan.TrafficPolicy.OutlierDetection;
import dev.mooring.connect.plan.TrafficPolicy.RetryOn;
import dev.mooring.connect.plan.TrafficPolicy.Retries;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Mooring's Service Connect extensions, read from tags on ECS services (documented in docs/service-connect.md).
 * Every tag is optional and the default is AWS's behaviour. A tag named {@code mooring:service-connect:<key>} applies
 * to every Service Connect service of the ECS service; {@code mooring:service-connect:<discoveryName>:<key>} to one
 * and wins over the former. A value Mooring cannot read is ignored with a warning, never an error: the task still
 * starts with AWS's behaviour for that setting.
 *
 * <p>On the server service: {@code retries} (0–10), {@code retry-on} (comma list of {@code connect-failure},
 * {@code reset}, {@code refused-stream}, {@code http-503}), {@code retry-budget} ({@code <percent>} or
 * {@code <percent>,<min>}: at most that percent of requests in flight may be retrying, and always {@code min}, default
 * 3, as Envoy's retry budget), {@code outlier-failures} (0 turns outlier detection off),
 * {@code outlier-interval-seconds}, {@code outlier-base-ejection-seconds}, {@code outlier-max-ejection-seconds},
 * {@code load-balancer} ({@code round-robin} or {@code least-request}). On any Service Connect service, for its own
 * tasks: {@code drain-seconds} (how long its proxy drains on stop, default 20) and {@code live-endpoints}
 * ({@code true}: running tasks also learn endpoint names created after they started, unlike AWS, spec §4.5).
 */
public final class ExtensionTags {
    public static final String PREFIX = "mooring:service-connect:";
    public static final String RETRIES = "retries";
    public static final String RETRY_ON = "retry-on";
    public static final String RETRY_BUDGET = "retry-budget";
    public static final String OUTLIER_FAILURES = "outlier-failures";
    public static final String OUTLIER_INTERVAL = "outlier-interval-seconds";
    public static final String OUTLIER_BASE_EJECTION = "outlier-base-ejection-seconds";
    public static final String OUTLIER_MAX_EJECTION = "outlier-max-ejection-seconds";
    public static final String LOAD_BALANCER = "load-balancer";
    public static final String DRAIN_SECONDS = "drain-seconds";
    public static final String LIVE_ENDPOINTS = "live-endpoints";
    /** AWS's proxy waits this long for listeners to drain before it exits (spec §4.3, LISTENER_DRAIN_WAIT_TIME_S). */
    public static final Duration DEFAULT_DRAIN = Duration.ofSeconds(20);
    static final int MAX_RETRIES = 10;

    private final Map<String, String> tags;
    private final List<String> warnings = new ArrayList<>();

    /** @param tags the ECS service's tags, key to value */
    public ExtensionTags(Map<String, String> tags) {
        this.tags = tags == null ? Map.of() : Map.copyOf(tags);
    }

    /** What the tags could not be read as, for the task's plan to carry. */
    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    /** The traffic policy client proxies use toward {@code discoveryName} of this (server) service. */
    public TrafficPolicy trafficPolicy(String discoveryName) {
        Retries aws = TrafficPolicy.AWS_RETRIES;
        int retries = integer(discoveryName, RETRIES, aws.maxRetries(), 0, MAX_RETRIES);
        Set<RetryOn> on = retryOn(discoveryName);
        OutlierDetection d = TrafficPolicy.AWS_OUTLIER_DETECTION;
        OutlierDetection outliers = new OutlierDetection(
                integer(discoveryName, OUTLIER_FAILURES, d.failures(), 0, 1_000),
                Duration.ofSeconds(integer(discoveryName, OUTLIER_INTERVAL, (int) d.interval().toSeconds(), 1, 3600)),
                Duration.ofSeconds(integer(discoveryName, OUTLIER_BASE_EJECTION, (int) d.baseEjection().toSeconds(),
                        1, 3600)),
                Duration.ofSeconds(integer(discoveryName, OUTLIER_MAX_EJECTION, (int) d.maxEjection().toSeconds(),
                        1, 86_400)));
        if (outliers.maxEjection().compareTo(outliers.baseEjection()) < 0) {
            warnings.add(key(discoveryName, OUTLIER_MAX_EJECTION) + " is below the base ejection time; using the"
                    + " base ejection time");
            outliers = new OutlierDetection(outliers.failures(), outliers.interval(), outliers.baseEjection(),
                    outliers.baseEjection());
        }
        return new TrafficPolicy(loadBalancing(discoveryName), new Retries(retries, on, retryBudget(discoveryName)),
                outliers);
    }

    /** How long this service's task proxies drain their listeners when the task stops. */
    public Duration drain(String discoveryName) {
        return Duration.ofSeconds(integer(discoveryName, DRAIN_SECONDS, (int) DEFAULT_DRAIN.toSeconds(), 0, 3600));
    }

    /** Whether running tasks of this service learn endpoint names created after they started. */
    public boolean liveEndpoints() {
        String v = value(null, LIVE_ENDPOINTS);
        if (v == null) {
            return false;
        }
        if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(v);
        }
        warnings.add(PREFIX + LIVE_ENDPOINTS + "='" + v + "' is neither true nor false; using false");
        return false;
    }

    private LoadBalancing loadBalancing(String discoveryName) {
        String v = value(discoveryName, LOAD_BALANCER);
        if (v == null) {
            return LoadBalancing.ROUND_ROBIN;
        }
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "round-robin" -> LoadBalancing.ROUND_ROBIN;
            case "least-request" -> LoadBalancing.LEAST_REQUEST;
            default -> {
                warnings.add(key(discoveryName, LOAD_BALANCER) + "='" + v + "' is neither round-robin nor"
                        + " least-request; using round-robin");
                yield LoadBalancing.ROUND_ROBIN;
            }
        };
    }

    private TrafficPolicy.RetryBudget retryBudget(String discoveryName) {
        String v = value(discoveryName, RETRY_BUDGET);
        if (v == null) {
            return null;
        }
        String[] parts = v.replace("%", "").split(",", -1);
        try {
            int percent = Integer.parseInt(parts[0].trim());
            int min = parts.length > 1 ? Integer.parseInt(parts[1].trim()) : 3;
            if (parts.length <= 2 && percent >= 0 && percent <= 100 && min >= 0 && min <= 10_000) {
                return new TrafficPolicy.RetryBudget(percent, min);
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        warnings.add(key(discoveryName, RETRY_BUDGET) + "='" + v + "' is not <percent 0-100>[,<min retries>];"
                + " using no retry budget, as AWS");
        return null;
    }

    private Set<RetryOn> retryOn(String discoveryName) {
        String v = value(discoveryName, RETRY_ON);
        if (v == null) {
            return TrafficPolicy.AWS_RETRIES.retryOn();
        }
        EnumSet<RetryOn> on = EnumSet.noneOf(RetryOn.class);
        for (String part : v.split(",")) {
            switch (part.trim().toLowerCase(Locale.ROOT)) {
                case "connect-failure" -> on.add(RetryOn.CONNECT_FAILURE);
                case "reset" -> on.add(RetryOn.RESET_BEFORE_RESPONSE);
                case "refused-stream" -> on.add(RetryOn.REFUSED_STREAM);
                case "http-503" -> on.add(RetryOn.HTTP_503);
                case "" -> { }
                default -> {
                    warnings.add(key(discoveryName, RETRY_ON) + " names '" + part.trim() + "', which is not one of"
                            + " connect-failure, reset, refused-stream, http-503; using AWS's conditions");
                    return TrafficPolicy.AWS_RETRIES.retryOn();
                }
            }
        }
        return on;
    }

    private int integer(String discoveryName, String name, int fallback, int min, int max) {
        String v = value(discoveryName, name);
        if (v == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        warnings.add(key(discoveryName, name) + "='" + v + "' is not a whole number from " + min + " to " + max
                + "; using " + fallback);
        return fallback;
    }

    /** The per-discovery-name tag if present, else the service-wide one. */
    private String value(String discoveryName, String name) {
        if (discoveryName != null) {
            String specific = tags.get(PREFIX + discoveryName + ":" + name);
            if (specific != null) {
                return specific;
            }
        }
        return tags.get(PREFIX + name);
    }

    private String key(String discoveryName, String name) {
        return discoveryName != null && tags.containsKey(PREFIX + discoveryName + ":" + name)
                ? PREFIX + discoveryName + ":" + name : PREFIX + name;
    }
}
