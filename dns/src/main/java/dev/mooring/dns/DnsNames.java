package dev.mooring.dns;

import java.util.Locale;
import java.util.regex.Pattern;

/** Name comparisons as DNS makes them: case-insensitive, with or without the trailing root dot. */
public final class DnsNames {
    /** Host-name characters plus '_' (SRV labels such as _http._tcp); 1 to 63 per label (RFC 1035 §2.3.4). */
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?");
    private static final int MAX_NAME_LENGTH = 253;

    private DnsNames() {}

    /** Whether {@code name} can go on the wire as an owner or target name. */
    public static boolean isValid(String name) {
        String bare = normalize(name);
        if (bare.isEmpty() || bare.length() > MAX_NAME_LENGTH) {
            return false;
        }
        for (String label : bare.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                return false;
            }
        }
        return true;
    }

    /** The lowercase form without the trailing dot: the key every snapshot lookup uses. */
    public static String normalize(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }

    /** Whether normalized {@code name} is {@code apex} itself or below it. */
    static boolean isAtOrBelow(String name, String apex) {
        return name.equals(apex) || apex.isEmpty() || name.endsWith("." + apex);
    }
}
