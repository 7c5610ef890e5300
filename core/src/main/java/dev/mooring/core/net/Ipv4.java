package dev.mooring.core.net;

import java.util.regex.Pattern;

/** Dotted-quad IPv4 addresses as AWS takes them in record values and instance attributes. */
public final class Ipv4 {
    private static final Pattern ADDRESS = Pattern.compile(
            "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");

    private Ipv4() {}

    /** Four decimal octets, 0 to 255, without leading zeros. */
    public static boolean isAddress(String value) {
        return value != null && ADDRESS.matcher(value).matches();
    }
}
