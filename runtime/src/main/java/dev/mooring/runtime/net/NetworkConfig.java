package dev.mooring.runtime.net;

import dev.mooring.core.net.Ipv4Cidr;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where task networks live.
 *
 * @param bridge    the Linux bridge Mooring owns, e.g. {@code mooring0}; at most 15 characters, and not a Mooring
 *                  veth name ({@code mv...})
 * @param cidr      the task CIDR, e.g. {@code 198.18.0.0/16}; the bridge takes its first host address
 * @param stateDir  where the state file listing every namespace and veth is kept
 * @param dnsServer the nameserver written to every task's resolv.conf; null means the gateway (where Mooring's DNS
 *                  server listens)
 */
public record NetworkConfig(String bridge, String cidr, Path stateDir, String dnsServer) {
    public static final String DEFAULT_BRIDGE = "mooring0";
    public static final String DEFAULT_CIDR = "198.18.0.0/16";
    /** /30 is the smallest network with a gateway and one task address. */
    static final int MAX_PREFIX = 30;
    static final int MIN_PREFIX = 8;

    public NetworkConfig {
        Objects.requireNonNull(stateDir, "stateDir");
        if (bridge == null || !bridge.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,14}") || Names.isVeth(bridge)) {
            throw new IllegalArgumentException("bridge name '" + bridge + "' is not usable: give 1 to 15 letters,"
                    + " digits, '_', '.' or '-' (and not mv followed by 10 hex digits, which names task veths)");
        }
        taskCidr(cidr);
        if (dnsServer != null) {
            Ipv4Cidr.parseAddress(dnsServer);
        }
    }

    /** A task CIDR: a network from /8 to /30, with what is wrong named for {@code --task-cidr}. */
    public static Ipv4Cidr taskCidr(String cidr) {
        Ipv4Cidr parsed;
        try {
            parsed = Ipv4Cidr.parse(cidr);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("task " + e.getMessage());
        }
        if (parsed.prefix() < MIN_PREFIX || parsed.prefix() > MAX_PREFIX) {
            throw new IllegalArgumentException("task CIDR '" + cidr + "' needs a prefix from /" + MIN_PREFIX
                    + " to /" + MAX_PREFIX);
        }
        return parsed;
    }

    /** The default bridge and CIDR, with the DNS server on the gateway. */
    public static NetworkConfig defaults(Path stateDir) {
        return new NetworkConfig(DEFAULT_BRIDGE, DEFAULT_CIDR, stateDir, null);
    }
}
