package dev.mooring.loadgen;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** An address block such as {@code 198.18.0.0/16}. */
public record Cidr(InetAddress network, int prefixLength) {
    public Cidr {
        int bits = network.getAddress().length * 8;
        if (prefixLength < 0 || prefixLength > bits) {
            throw new IllegalArgumentException("prefix length " + prefixLength + " out of 0.." + bits);
        }
    }

    /** Parses {@code a.b.c.d/n} (or an IPv6 block); the address must be a literal, never a name to resolve. */
    public static Cidr parse(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("not a CIDR block (address/prefix): " + text);
        }
        String address = text.substring(0, slash);
        if (!address.matches("[0-9.]+|[0-9a-fA-F:]+")) {
            throw new IllegalArgumentException("not an address literal: " + address);
        }
        try {
            return new Cidr(InetAddress.getByName(address), Integer.parseInt(text.substring(slash + 1)));
        } catch (UnknownHostException | NumberFormatException e) {
            throw new IllegalArgumentException("not a CIDR block (address/prefix): " + text, e);
        }
    }

    public boolean contains(InetAddress address) {
        byte[] a = address.getAddress();
        byte[] n = network.getAddress();
        if (a.length != n.length) {
            return false;
        }
        for (int bit = 0; bit < prefixLength; bit++) {
            int mask = 0x80 >>> (bit % 8);
            if ((a[bit / 8] & mask) != (n[bit / 8] & mask)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        String address = network.getHostAddress();
        if (address.contains(":")) {
            address = address.replaceFirst("(^|:)(0(:|$))+", "::"); // the first run of zero groups, as ::1 is written
        }
        return address + "/" + prefixLength;
    }
}
