package dev.mooring.elb;

import java.net.Inet4Address;

/** An IPv4 network, to hold targets to the addresses Mooring may send traffic to (loopback and its task network). */
public record Cidr(int network, int prefix) {
    public static final Cidr LOOPBACK = parse("127.0.0.0/8");

    public static Cidr parse(String cidr) {
        String[] parts = cidr.split("/");
        int prefix = Integer.parseInt(parts[1]);
        return new Cidr(toInt(Inet4Address.ofLiteral(parts[0])) & mask(prefix), prefix);
    }

    public boolean contains(Inet4Address address) {
        return (toInt(address) & mask(prefix)) == network;
    }

    private static int mask(int prefix) {
        return prefix == 0 ? 0 : -1 << (32 - prefix);
    }

    private static int toInt(Inet4Address a) {
        byte[] b = a.getAddress();
        return (b[0] & 0xff) << 24 | (b[1] & 0xff) << 16 | (b[2] & 0xff) << 8 | (b[3] & 0xff);
    }

    @Override
    public String toString() {
        return ((network >>> 24) & 0xff) + "." + ((network >>> 16) & 0xff) + "." + ((network >>> 8) & 0xff) + "."
                + (network & 0xff) + "/" + prefix;
    }
}
