package dev.mooring.connect.plan;

import java.util.HashMap;
import java.util.Map;

/**
 * Virtual IPs for client alias names (spec §4.3: the agent's {@code vip.ipv4Cidr} is 127.255.0.0/16). Each
 * (namespace, dnsName) gets its own address, the same one for the life of the server, so every task of the
 * namespace writes the same {@code /etc/hosts} line for a name; every port of that name shares the address. Such
 * addresses need no configuration inside a task's namespace: the loopback device answers the whole of 127/8.
 */
public final class VipPool implements VipAllocator {
    /** 127.255.0.0/16 without its first and last addresses. */
    public static final String CIDR = "127.255.0.0/16";
    private static final int BASE = (127 << 24) | (255 << 16);

    private final int size;
    private final Map<Key, Integer> assigned = new HashMap<>();
    private int next = 1;

    private record Key(String namespaceArn, String dnsName) {}

    public VipPool() {
        this(65_534);
    }

    /** A pool of the first {@code size} addresses after 127.255.0.0 (tests use a small one). */
    public VipPool(int size) {
        if (size < 1 || size > 65_534) {
            throw new IllegalArgumentException("a VIP pool holds 1 to 65534 addresses, not " + size);
        }
        this.size = size;
    }

    @Override
    public synchronized String vip(String namespaceArn, String dnsName) {
        Key key = new Key(namespaceArn, dnsName);
        Integer offset = assigned.get(key);
        if (offset == null) {
            if (next > size) {
                throw new VipPoolExhaustedException("no virtual IP left in " + CIDR + " for client alias '"
                        + dnsName + "': all " + size + " are assigned to other alias names");
            }
            offset = next++;
            assigned.put(key, offset);
        }
        return format(BASE + offset);
    }

    /** How many alias names have an address. */
    public synchronized int assignedCount() {
        return assigned.size();
    }

    private static String format(int address) {
        return ((address >>> 24) & 0xff) + "." + ((address >>> 16) & 0xff) + "." + ((address >>> 8) & 0xff) + "."
                + (address & 0xff);
    }
}
