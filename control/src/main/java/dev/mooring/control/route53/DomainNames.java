package dev.mooring.control.route53;

import dev.mooring.core.operation.ServiceException;
import java.util.Locale;
import java.util.regex.Pattern;

/** Route 53 keeps names lowercase and fully qualified; this checks and puts them in that form. */
final class DomainNames {
    private static final Pattern LABEL = Pattern.compile("[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?");
    /** RFC 1035 §2.3.4: 255 octets on the wire, which is 253 characters plus the trailing dot in text. */
    private static final int MAX_LENGTH = 254;

    private DomainNames() {}

    /** {@code name} lowercase with a trailing dot, or InvalidInput saying what is wrong with it. */
    static String canonical(String what, String name) {
        if (name == null || name.isBlank()) {
            throw new ServiceException("InvalidInput", what + " is required");
        }
        String lower = name.toLowerCase(Locale.ROOT);
        String fqdn = lower.endsWith(".") ? lower : lower + ".";
        if (fqdn.length() > MAX_LENGTH) {
            throw new ServiceException("InvalidInput", what + " '" + name + "' is longer than 253 characters");
        }
        String[] labels = fqdn.substring(0, fqdn.length() - 1).split("\\.", -1);
        for (int i = 0; i < labels.length; i++) {
            String label = labels[i];
            if (!LABEL.matcher(label).matches() && !(i == 0 && label.equals("*") && labels.length > 1)) {
                throw new ServiceException("InvalidInput", what + " '" + name + "' has an invalid label '" + label
                        + "': use 1 to 63 letters, digits, '-' or '_', not starting or ending with '-'");
            }
        }
        return fqdn;
    }

    /** A name with its labels reversed ({@code com.example.www.}), the order Route 53 lists names in. */
    static String reversed(String fqdn) {
        String[] labels = fqdn.substring(0, fqdn.length() - 1).split("\\.");
        java.util.Collections.reverse(java.util.Arrays.asList(labels));
        return String.join(".", labels) + ".";
    }

    /** Whether canonical {@code name} is {@code zone} or below it. */
    static boolean within(String name, String zone) {
        return name.equals(zone) || name.endsWith("." + zone);
    }
}
