package dev.mooring.control.ecs;

import dev.mooring.control.Tag;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks that clients do not make (spec §1.4: botocore checks only minima, the Java SDK not even required members),
 * so the server enforces maxima, patterns and enums itself.
 */
public final class Validation {
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_-]{1,255}");
    private static final Pattern PORT_NAME = Pattern.compile("[a-z0-9_][a-z0-9_-]{0,63}");
    private static final Pattern DNS_NAME = Pattern.compile("[a-z0-9_][a-z0-9_.-]{0,126}");
    private static final Pattern TAG_TEXT = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*");
    public static final Set<String> APP_PROTOCOLS = Set.of("http", "http2", "grpc");
    /** AWS's quota of tasks per service; more than one machine could ever run, and the scheduler's upper bound. */
    public static final int MAX_DESIRED_COUNT = 5000;

    private Validation() {}

    public static <T> T require(T value, String member) {
        if (value == null || value instanceof String s && s.isEmpty()) {
            throw Errors.required(member);
        }
        return value;
    }

    public static void name(String value, String member) {
        if (!NAME.matcher(value).matches()) {
            throw Errors.invalid(member + " '" + value + "' is not valid: use 1 to 255 letters, digits, '_' and '-'.");
        }
    }

    public static void port(Integer value, String member) {
        if (value != null && (value < 0 || value > 65535)) {
            throw Errors.invalid(member + " " + value + " is out of range: ports are 0 to 65535.");
        }
    }

    public static void portName(String value, String member) {
        if (!PORT_NAME.matcher(value).matches()) {
            throw Errors.invalid(member + " '" + value + "' is not valid: use up to 64 lowercase letters, digits,"
                    + " '_' and '-', not starting with '-'.");
        }
    }

    public static void dnsName(String value, String member) {
        if (!DNS_NAME.matcher(value).matches()) {
            throw Errors.invalid(member + " '" + value + "' is not valid: use up to 127 lowercase letters, digits,"
                    + " '_', '-' and '.', not starting with '-'.");
        }
    }

    public static void appProtocol(String value, String member) {
        if (value != null && !APP_PROTOCOLS.contains(value)) {
            throw Errors.invalid(member + " '" + value + "' is not valid: use http, http2 or grpc, or leave it out"
                    + " for TCP.");
        }
    }

    public static void oneOf(String value, Set<String> allowed, String member) {
        if (value != null && !allowed.contains(value)) {
            throw Errors.invalid(member + " '" + value + "' is not valid: use one of " + String.join(", ",
                    allowed.stream().sorted().toList()) + ".");
        }
    }

    public static void tags(List<Tag> tags, String member) {
        if (tags == null) {
            return;
        }
        if (tags.size() > 50) {
            throw Errors.invalid(member + " has " + tags.size() + " tags; a resource can have at most 50.");
        }
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < tags.size(); i++) {
            Tag t = tags.get(i);
            String where = member + "[" + i + "]";
            require(t, where);
            require(t.key(), where + ".key");
            if (t.key().length() > 128 || !TAG_TEXT.matcher(t.key()).matches()) {
                throw Errors.invalid(where + ".key '" + t.key() + "' is not valid: up to 128 letters, digits,"
                        + " spaces and _.:/=+-@.");
            }
            if (t.value() != null && (t.value().length() > 256 || !TAG_TEXT.matcher(t.value()).matches())) {
                throw Errors.invalid(where + ".value is not valid: up to 256 letters, digits, spaces and _.:/=+-@.");
            }
            if (t.key().toLowerCase(java.util.Locale.ROOT).startsWith("aws:")) {
                throw Errors.invalid(where + ".key '" + t.key() + "' uses the reserved prefix 'aws:'.");
            }
            if (!keys.add(t.key())) {
                throw Errors.invalid(member + " repeats the key '" + t.key() + "'.");
            }
        }
    }

    /**
     * A task size as ECS takes it: CPU units (1024) or vCPUs (1 vCPU), memory as MiB (2048) or GB (2 GB). The
     * amount must fit the whole number of units or MiB the runtime is handed, or the task could never launch.
     */
    public static void taskSize(String cpu, String memory, String at) {
        if (cpu != null && TaskSize.cpuUnits(cpu).isEmpty()) {
            throw Errors.client(at + "cpu '" + cpu + "' is not valid: give CPU units (1024) or vCPUs (1 vCPU), at"
                    + " most " + Integer.MAX_VALUE + " units.");
        }
        if (memory != null && TaskSize.memoryMiB(memory).isEmpty()) {
            throw Errors.client(at + "memory '" + memory + "' is not valid: give MiB (2048) or GB (2 GB), at most "
                    + Integer.MAX_VALUE + " MiB.");
        }
    }

    public static void desiredCount(Integer value) {
        if (value != null && (value < 0 || value > MAX_DESIRED_COUNT)) {
            throw Errors.invalid("desiredCount " + value + " is out of range: 0 to " + MAX_DESIRED_COUNT
                    + " tasks per service.");
        }
    }

    /** The fields a Describe call's {@code include} names, each one it knows (a typo would silently show less). */
    public static Set<String> include(List<String> include, Set<String> allowed) {
        Set<String> fields = include == null ? Set.of() : Set.copyOf(include);
        fields.forEach(field -> oneOf(field, allowed, "include"));
        return fields;
    }

    public static void maxItems(List<?> list, int max, String member) {
        if (list != null && list.size() > max) {
            throw Errors.invalid(member + " has " + list.size() + " entries; at most " + max + " are allowed.");
        }
    }
}
