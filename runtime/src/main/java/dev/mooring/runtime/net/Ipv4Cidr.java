package dev.mooring.runtime.net;

/** An IPv4 network, as {@code a.b.c.d/prefix}. Addresses are ints; the arithmetic is unsigned. */
record Ipv4Cidr(int network, int prefix) {
    /** /30 is the smallest network with a gateway and one task address. */
    static final int MAX_PREFIX = 30;
    static final int MIN_PREFIX = 8;

    static Ipv4Cidr parse(String cidr) {
        String[] parts = cidr == null ? new String[0] : cidr.split("/", -1);
        if (parts.length != 2 || !parts[1].matches("\\d{1,2}")) {
            throw new IllegalArgumentException("task CIDR '" + cidr + "' is not of the form a.b.c.d/prefix, e.g. "
                    + NetworkConfig.DEFAULT_CIDR);
        }
        int address = parseAddress(parts[0]);
        int prefix = Integer.parseInt(parts[1]);
        if (prefix < MIN_PREFIX || prefix > MAX_PREFIX) {
            throw new IllegalArgumentException("task CIDR '" + cidr + "' needs a prefix from /" + MIN_PREFIX
                    + " to /" + MAX_PREFIX);
        }
        Ipv4Cidr parsed = new Ipv4Cidr(address & mask(prefix), prefix);
        if (parsed.network != address) {
            throw new IllegalArgumentException("task CIDR '" + cidr + "' has host bits set; did you mean "
                    + parsed + "?");
        }
        return parsed;
    }

    static int parseAddress(String text) {
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

    static String format(int address) {
        return (address >>> 24) + "." + ((address >>> 16) & 0xff) + "." + ((address >>> 8) & 0xff) + "."
                + (address & 0xff);
    }

    private static int mask(int prefix) {
        return prefix == 0 ? 0 : -1 << (32 - prefix);
    }

    int size() {
        return 1 << (32 - prefix);
    }

    int broadcast() {
        return network | ~mask(prefix);
    }

    int gateway() {
        return network + 1;
    }

    boolean contains(int address) {
        return (address & mask(prefix)) == network;
    }

    boolean overlaps(Ipv4Cidr other) {
        Ipv4Cidr wider = prefix <= other.prefix ? this : other;
        Ipv4Cidr narrower = wider == this ? other : this;
        return wider.contains(narrower.network);
    }

    @Override
    public String toString() {
        return format(network) + "/" + prefix;
    }
}
