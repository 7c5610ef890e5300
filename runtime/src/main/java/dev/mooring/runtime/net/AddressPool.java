package dev.mooring.runtime.net;

import dev.mooring.core.net.Ipv4Cidr;
import java.util.BitSet;

/**
 * Task addresses of a CIDR: every host address but the gateway (network, gateway and broadcast are never handed
 * out). Allocation moves on round the range rather than taking the lowest free address, so a released address is
 * reused only after the others, which keeps a replaced task's address out of DNS caches for as long as possible.
 */
final class AddressPool {
    private final Ipv4Cidr cidr;
    private final BitSet used = new BitSet();
    private int next;

    AddressPool(Ipv4Cidr cidr) {
        this.cidr = cidr;
        used.set(0, 2);
        used.set(cidr.size() - 1);
        next = 2;
    }

    synchronized String allocate() {
        int offset = used.nextClearBit(next);
        if (offset >= cidr.size()) {
            offset = used.nextClearBit(0);
        }
        if (offset >= cidr.size()) {
            throw new NetworkException("no free task address left in " + cidr + " (" + (cidr.size() - 3)
                    + " in use); stop some tasks or configure a wider task CIDR");
        }
        used.set(offset);
        next = offset + 1;
        return Ipv4Cidr.format(cidr.network() + offset);
    }

    /** Takes {@code address} if it is in the range and free; says whether it did. */
    synchronized boolean reserve(String address) {
        int offset = Ipv4Cidr.parseAddress(address) - cidr.network();
        if (offset <= 1 || offset >= cidr.size() - 1 || used.get(offset)) {
            return false;
        }
        used.set(offset);
        return true;
    }

    synchronized void release(String address) {
        int offset = Ipv4Cidr.parseAddress(address) - cidr.network();
        if (offset > 1 && offset < cidr.size() - 1) {
            used.clear(offset);
        }
    }
}
