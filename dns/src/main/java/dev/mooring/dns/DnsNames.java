package dev.mooring.dns;

import java.util.Locale;

/** Name comparisons as DNS makes them: case-insensitive, with or without the trailing root dot. */
public final class DnsNames {
    private DnsNames() {}

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
