package dev.mooring.control.cloudmap;

import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Cloud Map's list filters: a Name, its Values and a Condition (default EQ) that the named member must meet. Each
 * filter names the conditions it allows; EQ and BEGINS_WITH take one value, IN one or more (spec Appendix B).
 */
final class Filters {
    static final String EQ = "EQ";
    static final String IN = "IN";
    static final String BEGINS_WITH = "BEGINS_WITH";
    static final String BETWEEN = "BETWEEN";

    private Filters() {}

    /** The condition a filter asks for, after checking it is allowed and has the right number of values. */
    static String condition(String name, String condition, List<String> values, Set<String> allowed) {
        Input.required(values, "Filters[" + name + "].Values");
        if (values.stream().anyMatch(v -> v == null || v.isEmpty() || v.length() > 255)) {
            throw Input.invalid("Filters[" + name + "].Values must be 1 to 255 characters each.");
        }
        String c = condition == null ? EQ : condition;
        Input.oneOf(c, Set.of(EQ, IN, BETWEEN, BEGINS_WITH), "Filters[" + name + "].Condition");
        if (!allowed.contains(c)) {
            throw Input.invalid("Filter " + name + " does not support condition " + c + "; use "
                    + String.join(" or ", allowed.stream().sorted().toList()) + ".");
        }
        int expected = switch (c) {
            case EQ, BEGINS_WITH -> 1;
            case BETWEEN -> 2;
            default -> -1;
        };
        if (expected > 0 && values.size() != expected || values.isEmpty()) {
            throw Input.invalid("Filter " + name + " with condition " + c + " takes "
                    + (expected > 0 ? "exactly " + expected : "at least one") + " value(s), not " + values.size() + ".");
        }
        return c;
    }

    /**
     * Whether {@code item} passes every filter of a request. Filters are kept as a list rather than chained with
     * {@link Predicate#and}, whose nesting grows one stack frame per filter and overflows on a long filter list.
     */
    static <F, T> Predicate<T> allOf(List<F> filters, Function<F, Predicate<T>> toTest) {
        List<Predicate<T>> tests = (filters == null ? List.<F>of() : filters).stream()
                .map(f -> toTest.apply(Input.required(f, "Filters[]"))).toList();
        return item -> tests.stream().allMatch(t -> t.test(item));
    }

    /** A string test for EQ, IN and BEGINS_WITH. */
    static Predicate<String> strings(String condition, List<String> values) {
        return switch (condition) {
            case BEGINS_WITH -> s -> s != null && s.startsWith(values.getFirst());
            default -> values::contains;
        };
    }
}
