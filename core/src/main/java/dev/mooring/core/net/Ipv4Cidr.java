package dev.mooring.core.net;

import java.net.Inet4Address;

/**
 * An IPv4 network, as {@code a.b.c.d/prefix}: the task network, and the networks Mooring may send traffic to (load
 * balancer targets, the load generator's targets). Addresses are ints; the arithmetic is unsigned.
 */
public record Ipv4Cidr(int network, int prefix) {
    public static final Ipv4Cidr LOOPBACK = parse("127.0.0.0/8");

    /** A network without host bits set, prefix 0 to 32; the message of what is wrong names the text. */
    public static Ipv4Cidr parse(String cidr) {
        String[] parts = cidr == null ? new String[0] : cidr.split("/", -1);
        if (parts.length != 2 || !parts[1].matches("\\d{1,2}") || Integer.parseInt(parts[1]) > 32) {
            throw new IllegalArgumentException("CIDR '" + cidr + "' is not of the form a.b.c.d/prefix, e.g."
                    + " 198.18.0.0/16");
        }
        int address = parseAddress(parts[0]);
        int prefix = Integer.parseInt(parts[1]);
        Ipv4Cidr parsed = new Ipv4Cidr(address & mask(prefix), prefix);
        if (parsed.network != address) {
            throw new IllegalArgumentException("CIDR '" + cidr + "' has host bits set; did you mean " + parsed + "?");
        }
        return parsed;
    }

    public static int parseAddress(String text) {
        String[] octets = text == null ? new String[0] : text.split("\\.", -1);
        if (octets.length != 4) {
            throw new IllegalArgumentException("'" + text + "' is not an IPv4 address like 198.18.0.1");
        }
        int address = 0;
        for (String octet : octets) {
            if (!octet.matches("\\d{1,3}") || Integer.parseInt(octet) > 255) {
                throw new IllegalArgumentException("'" + text + "' is not an IPv4 address like 198.18.0.1");
            }
            address = (address << 8) | Integer.parseInt(octet);
        }
        return address;
    }

    public static String format(int address) {
        return (address >>> 24) + "." + ((address >>> 16) & 0xff) + "." + ((address >>> 8) & 0xff) + "."
                + (address & 0xff);
    }

    private static int mask(int prefix) {
        return prefix == 0 ? 0 : -1 << (32 - prefix);
    }

    public int size() {
        return 1 << (32 - prefix);
    }

    public int broadcast() {
        return network | ~mask(prefix);
    }

    public int gateway() {
        return network + 1;
    }

    public boolean contains(int address) {
        return (address & mask(prefix)) == network;
    }

    public boolean contains(Inet4Address address) {
        byte[] b = address.getAddress();
        return contains((b[0] & 0xff) << 24 | (b[1] & 0xff) << 16 | (b[2] & 0xff) << 8 | (b[3] & 0xff));
    }

    public boolean overlaps(Ipv4Cidr other) {
        Ipv4Cidr wider = prefix <= other.prefix ? this : other;
        Ipv4Cidr narrower = wider == this ? other : this;
        return wider.contains(narrower.network);
    }

    @Override
    public String toString() {
        return format(network) + "/" + prefix;
    }
}
