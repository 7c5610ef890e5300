package dev.mooring.dns;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.util.List;
import java.util.Objects;

/**
 * What a record says. The snapshot holds A, AAAA, CNAME, SRV, TXT and alias data; SOA is made from the zone when
 * answering.
 */
public sealed interface RecordData {

    /** An IPv4 address. */
    record A(Inet4Address address) implements RecordData {
        public A {
            Objects.requireNonNull(address, "address");
        }

        /** Parses a dotted-quad literal without any name lookup. */
        public static A of(String ipv4) {
            return new A(Inet4Address.ofLiteral(ipv4));
        }
    }

    /** An IPv6 address. */
    record Aaaa(Inet6Address address) implements RecordData {
        public Aaaa {
            Objects.requireNonNull(address, "address");
        }

        /** Parses an IPv6 literal without any name lookup; an IPv4-mapped one stays sixteen bytes. */
        public static Aaaa of(String ipv6) {
            byte[] bytes = Inet6Address.ofLiteral(ipv6).getAddress();
            if (bytes.length == 4) {
                bytes = new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff,
                        bytes[0], bytes[1], bytes[2], bytes[3]};
            }
            try {
                return new Aaaa(Inet6Address.getByAddress(null, bytes, null));
            } catch (java.net.UnknownHostException e) {
                throw new IllegalArgumentException(ipv6, e);
            }
        }
    }

    /** The canonical name of an alias name (RFC 1034 §3.6.2): every other query at the name follows it. */
    record Cname(String target) implements RecordData {
        public Cname {
            Objects.requireNonNull(target, "target");
        }
    }

    /** Text: one or more character strings of at most 255 bytes each (RFC 1035 §3.3.14). */
    record Txt(List<String> strings) implements RecordData {
        public Txt {
            strings = List.copyOf(strings);
            if (strings.isEmpty() || strings.stream().anyMatch(s -> s.getBytes(
                    java.nio.charset.StandardCharsets.UTF_8).length > 255)) {
                throw new IllegalArgumentException("TXT needs 1 or more strings of at most 255 bytes");
            }
        }
    }

    /** RFC 2782 service location: where, on which port, a service instance listens. */
    record Srv(int priority, int weight, int port, String target) implements RecordData {
        public Srv {
            checkUnsigned16("priority", priority);
            checkUnsigned16("weight", weight);
            checkUnsigned16("port", port);
            Objects.requireNonNull(target, "target");
        }

        private static void checkUnsigned16(String what, int value) {
            if (value < 0 || value > 0xFFFF) {
                throw new IllegalArgumentException("SRV " + what + " must be 0..65535, got " + value);
            }
        }
    }

    /**
     * A Route 53 alias: queries for this name are answered with the A records of {@code target}, looked up in the same
     * snapshot, under this name and with the target's TTL (as Route 53 answers alias records, without a CNAME).
     */
    record Alias(String target) implements RecordData {
        public Alias {
            Objects.requireNonNull(target, "target");
        }
    }

    /** The zone's start of authority, made by {@link Zone#soa} for apex queries and negative answers. */
    record Soa(String primaryServer, String hostmaster, long serial, long refresh, long retry, long expire,
               long minimum) implements RecordData {}
}
