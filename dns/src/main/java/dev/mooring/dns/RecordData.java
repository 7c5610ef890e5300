package dev.mooring.dns;

import java.net.Inet4Address;
import java.util.Objects;

/** What a record says. The snapshot holds A, SRV and alias data; SOA is made from the zone when answering. */
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
