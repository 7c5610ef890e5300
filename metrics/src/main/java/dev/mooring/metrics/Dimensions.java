package dev.mooring.metrics;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.SequencedMap;
import java.util.stream.Collectors;

/**
 * The dimensions of a series, in the order they were given (the order tables and Prometheus labels show). As in
 * CloudWatch, two series with the same names and values are the same series whatever the order.
 */
public record Dimensions(SequencedMap<String, String> values) {
    private static final Dimensions NONE = new Dimensions(new LinkedHashMap<>());

    public Dimensions {
        LinkedHashMap<String, String> copy = new LinkedHashMap<>();
        values.forEach((k, v) -> copy.put(requireText(k, "dimension name"), requireText(v, "value of " + k)));
        values = Collections.unmodifiableSequencedMap(copy);
    }

    public static Dimensions none() {
        return NONE;
    }

    /** {@code of("DiscoveryName", "db", "ClusterName", "yelb")}: names and values, alternating. */
    public static Dimensions of(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("dimensions come as name, value pairs");
        }
        LinkedHashMap<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (map.put(namesAndValues[i], namesAndValues[i + 1]) != null) {
                throw new IllegalArgumentException("dimension " + namesAndValues[i] + " given twice");
            }
        }
        return new Dimensions(map);
    }

    public Dimensions with(String name, String value) {
        LinkedHashMap<String, String> map = new LinkedHashMap<>(values);
        map.put(name, value);
        return new Dimensions(map);
    }

    public String get(String name) {
        return values.get(name);
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    /** True when every entry of {@code required} is one of these dimensions. */
    public boolean containsAll(Map<String, String> required) {
        return required.entrySet().stream().allMatch(e -> e.getValue().equals(values.get(e.getKey())));
    }

    @Override
    public String toString() {
        return values.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
    }

    private static String requireText(String s, String what) {
        Objects.requireNonNull(s, what);
        if (s.isEmpty()) {
            throw new IllegalArgumentException(what + " is empty");
        }
        return s;
    }
}
