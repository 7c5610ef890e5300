package dev.mooring.control.route53;

import dev.mooring.core.net.Ipv4;
import dev.mooring.core.operation.ServiceException;
import java.net.Inet6Address;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** The record types Mooring's zones hold, and how each type's values are checked (Route 53's error codes). */
final class RecordValues {
    static final Set<String> TYPES = Set.of("A", "AAAA", "CNAME", "SRV", "TXT");
    /** Types an alias may have (the target's records of the same type answer it). */
    static final Set<String> ALIAS_TYPES = Set.of("A", "AAAA");
    private static final Pattern TXT = Pattern.compile("(\"([^\"\\\\]|\\\\.){0,255}\"\\s*)+");
    private static final Pattern SRV = Pattern.compile("(\\d{1,5}) (\\d{1,5}) (\\d{1,5}) (\\S+)");

    private RecordValues() {}

    /** {@code values} checked for {@code type}, in canonical form (names lowercase and fully qualified). */
    static List<String> check(String type, String name, List<String> values) {
        if (values == null || values.isEmpty()) {
            throw invalid(name, type, "needs at least one value in ResourceRecords");
        }
        if (type.equals("CNAME") && values.size() != 1) {
            throw invalid(name, type, "can have only one value");
        }
        return values.stream().map(v -> one(type, name, v)).distinct().toList();
    }

    private static String one(String type, String name, String value) {
        if (value == null || value.isEmpty()) {
            throw invalid(name, type, "has an empty value");
        }
        switch (type) {
            case "A" -> {
                if (!Ipv4.isAddress(value)) {
                    throw new ServiceException("InvalidChangeBatch", "[Invalid Resource Record: 'FATAL problem:"
                            + " ARRDATAIllegalIPv4Address (Value is not a valid IPv4 address) encountered with '"
                            + value + "'' in record set " + name + "]");
                }
                return value;
            }
            case "AAAA" -> {
                try {
                    Inet6Address.ofLiteral(value);
                    return value.toLowerCase(java.util.Locale.ROOT);
                } catch (IllegalArgumentException e) {
                    throw new ServiceException("InvalidChangeBatch", "[Invalid Resource Record: 'FATAL problem:"
                            + " AAAARDATAIllegalIPv6Address (Value is not a valid IPv6 address) encountered with '"
                            + value + "'' in record set " + name + "]");
                }
            }
            case "CNAME" -> {
                return DomainNames.canonical("CNAME value of " + name, value);
            }
            case "TXT" -> {
                if (!TXT.matcher(value).matches()) {
                    throw invalid(name, type, "value " + value + " must be one or more strings in double quotes,"
                            + " each at most 255 characters");
                }
                return value;
            }
            case "SRV" -> {
                var m = SRV.matcher(value);
                if (!m.matches() || Integer.parseInt(m.group(1)) > 65535 || Integer.parseInt(m.group(2)) > 65535
                        || Integer.parseInt(m.group(3)) > 65535) {
                    throw invalid(name, type, "value '" + value + "' must be 'priority weight port target', each"
                            + " number 0 to 65535");
                }
                return m.group(1) + " " + m.group(2) + " " + m.group(3) + " "
                        + DomainNames.canonical("SRV target of " + name, m.group(4));
            }
            default -> throw new IllegalArgumentException(type);
        }
    }

    private static ServiceException invalid(String name, String type, String why) {
        return new ServiceException("InvalidChangeBatch", "[Record set [name='" + name + "', type='" + type + "'] "
                + why + "]");
    }
}
