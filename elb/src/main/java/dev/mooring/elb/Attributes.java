package dev.mooring.elb;

import dev.mooring.elb.shape.Attribute;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The attributes of application load balancers and of their target groups: each key with ALB's default and the
 * values it accepts. Only what was set is stored; describing merges it over the defaults.
 */
final class Attributes {
    /** One attribute key: its default and what it accepts, said in words for the error message. */
    record Spec(String key, String defaultValue, Predicate<String> accepts, String expected) {}

    static final String DELETION_PROTECTION = "deletion_protection.enabled";
    static final String IDLE_TIMEOUT = "idle_timeout.timeout_seconds";
    static final String DEREGISTRATION_DELAY = "deregistration_delay.timeout_seconds";
    static final String ALGORITHM = "load_balancing.algorithm.type";

    private static final Predicate<String> BOOLEAN = v -> v.equals("true") || v.equals("false");
    private static final Predicate<String> ANY = v -> true;

    static final Map<String, Spec> LOAD_BALANCER = table(List.of(
            new Spec("access_logs.s3.enabled", "false", BOOLEAN, "true or false"),
            new Spec("access_logs.s3.bucket", "", ANY, ""),
            new Spec("access_logs.s3.prefix", "", ANY, ""),
            new Spec("client_keep_alive.seconds", "3600", range(60, 604800), "60 to 604800"),
            new Spec("connection_logs.s3.enabled", "false", BOOLEAN, "true or false"),
            new Spec("connection_logs.s3.bucket", "", ANY, ""),
            new Spec("connection_logs.s3.prefix", "", ANY, ""),
            new Spec(DELETION_PROTECTION, "false", BOOLEAN, "true or false"),
            new Spec(IDLE_TIMEOUT, "60", range(1, 4000), "1 to 4000"),
            new Spec("routing.http.desync_mitigation_mode", "defensive", oneOf("monitor", "defensive", "strictest"),
                    "monitor, defensive or strictest"),
            new Spec("routing.http.drop_invalid_header_fields.enabled", "false", BOOLEAN, "true or false"),
            new Spec("routing.http.preserve_host_header.enabled", "false", BOOLEAN, "true or false"),
            new Spec("routing.http.x_amzn_tls_version_and_cipher_suite.enabled", "false", BOOLEAN, "true or false"),
            new Spec("routing.http.xff_client_port.enabled", "false", BOOLEAN, "true or false"),
            new Spec("routing.http.xff_header_processing.mode", "append", oneOf("append", "preserve", "remove"),
                    "append, preserve or remove"),
            new Spec("routing.http2.enabled", "true", BOOLEAN, "true or false"),
            new Spec("waf.fail_open.enabled", "false", BOOLEAN, "true or false")));

    static final Map<String, Spec> TARGET_GROUP = table(List.of(
            new Spec(DEREGISTRATION_DELAY, "300", range(0, 3600), "0 to 3600"),
            new Spec(ALGORITHM, "round_robin", oneOf("round_robin", "least_outstanding_requests", "weighted_random"),
                    "round_robin, least_outstanding_requests or weighted_random"),
            new Spec("load_balancing.algorithm.anomaly_mitigation", "off", oneOf("on", "off"), "on or off"),
            new Spec("load_balancing.cross_zone.enabled", "use_load_balancer_configuration",
                    oneOf("true", "false", "use_load_balancer_configuration"),
                    "true, false or use_load_balancer_configuration"),
            new Spec("slow_start.duration_seconds", "0", v -> v.equals("0") || range(30, 900).test(v),
                    "0 or 30 to 900"),
            new Spec("stickiness.enabled", "false", BOOLEAN, "true or false"),
            new Spec("stickiness.type", "lb_cookie", oneOf("lb_cookie", "app_cookie"), "lb_cookie or app_cookie"),
            new Spec("stickiness.lb_cookie.duration_seconds", "86400", range(1, 604800), "1 to 604800"),
            new Spec("stickiness.app_cookie.cookie_name", "", ANY, ""),
            new Spec("stickiness.app_cookie.duration_seconds", "86400", range(1, 604800), "1 to 604800"),
            new Spec("target_group_health.dns_failover.minimum_healthy_targets.count", "1", range(1, 1000),
                    "1 to 1000"),
            new Spec("target_group_health.dns_failover.minimum_healthy_targets.percentage", "off",
                    v -> v.equals("off") || range(1, 100).test(v), "off or 1 to 100"),
            new Spec("target_group_health.unhealthy_state_routing.minimum_healthy_targets.count", "1",
                    range(1, 1000), "1 to 1000"),
            new Spec("target_group_health.unhealthy_state_routing.minimum_healthy_targets.percentage", "off",
                    v -> v.equals("off") || range(1, 100).test(v), "off or 1 to 100")));

    private Attributes() {}

    private static Map<String, Spec> table(List<Spec> specs) {
        Map<String, Spec> out = new LinkedHashMap<>();
        specs.forEach(s -> out.put(s.key(), s));
        return out;
    }

    private static Predicate<String> oneOf(String... values) {
        Set<String> set = Set.of(values);
        return set::contains;
    }

    private static Predicate<String> range(long min, long max) {
        return v -> {
            try {
                long n = Long.parseLong(v);
                return n >= min && n <= max;
            } catch (NumberFormatException e) {
                return false;
            }
        };
    }

    /** {@code current} with {@code changes} applied, every change checked first; nothing is applied on an error. */
    static Map<String, String> apply(Map<String, Spec> specs, Map<String, String> current, List<Attribute> changes,
                                     String resource) {
        Errors.required(changes, "Attributes");
        if (changes.isEmpty()) {
            throw Errors.validation("At least one attribute must be specified");
        }
        Map<String, String> next = new LinkedHashMap<>(current);
        for (Attribute a : changes) {
            String key = Errors.required(a.key(), "Key");
            Spec spec = specs.get(key);
            if (spec == null) {
                throw Errors.validation(resource + " attribute key '" + key + "' is not recognized");
            }
            String value = a.value() == null ? "" : a.value();
            if (!spec.accepts().test(value)) {
                throw Errors.of("InvalidConfigurationRequest", resource + " attribute '" + key + "' cannot be '"
                        + value + "': use " + spec.expected());
            }
            next.put(key, value);
        }
        return next;
    }

    /** Every attribute, set or default, in the table's order. */
    static List<Attribute> describe(Map<String, Spec> specs, Map<String, String> set) {
        List<Attribute> out = new ArrayList<>();
        specs.forEach((key, spec) -> out.add(new Attribute(key, set.getOrDefault(key, spec.defaultValue()))));
        return out;
    }

    static String value(Map<String, Spec> specs, Map<String, String> set, String key) {
        return set.getOrDefault(key, specs.get(key).defaultValue());
    }
}
