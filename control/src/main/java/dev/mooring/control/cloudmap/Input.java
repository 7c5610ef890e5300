package dev.mooring.control.cloudmap;

import dev.mooring.core.operation.ServiceException;
import java.util.Collection;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The checks Cloud Map does itself, because clients check at most required members and minima (spec §1.4). Every
 * failure is InvalidInput naming the member and what would be accepted.
 */
final class Input {
    static final String INVALID = "InvalidInput";

    private Input() {}

    static ServiceException invalid(String message) {
        return new ServiceException(INVALID, message);
    }

    static String required(String value, String member) {
        if (value == null || value.isEmpty()) {
            throw invalid(member + " is required.");
        }
        return value;
    }

    static <T> T required(T value, String member) {
        if (value == null) {
            throw invalid(member + " is required.");
        }
        return value;
    }

    static void maxLength(String value, int max, String member) {
        if (value != null && value.length() > max) {
            throw invalid(member + " must be at most " + max + " characters long (got " + value.length() + ").");
        }
    }

    static void matches(String value, Pattern pattern, String member, String rule) {
        if (value != null && !pattern.matcher(value).matches()) {
            throw invalid(member + " '" + value + "' is not valid: " + rule + ".");
        }
    }

    static String oneOf(String value, Collection<String> allowed, String member) {
        if (value != null && !allowed.contains(value)) {
            throw invalid(member + " '" + value + "' is not one of " + String.join(", ", Set.copyOf(allowed).stream()
                    .sorted().toList()) + ".");
        }
        return value;
    }

    static void range(Number value, long min, long max, String member) {
        if (value != null && (value.longValue() < min || value.longValue() > max)) {
            throw invalid(member + " must be between " + min + " and " + max + " (got " + value + ").");
        }
    }
}
