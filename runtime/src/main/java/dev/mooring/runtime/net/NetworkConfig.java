package dev.mooring.runtime.net;

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

    public NetworkConfig {
        Objects.requireNonNull(stateDir, "stateDir");
        if (bridge == null || !bridge.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,14}") || Names.isVeth(bridge)) {
            throw new IllegalArgumentException("bridge name '" + bridge + "' is not usable: give 1 to 15 letters,"
                    + " digits, '_', '.' or '-' (and not mv followed by 10 hex digits, which names task veths)");
        }
        Ipv4Cidr.parse(cidr);
        if (dnsServer != null) {
            Ipv4Cidr.parseAddress(dnsServer);
        }
    }

    /** The default bridge and CIDR, with the DNS server on the gateway. */
    public static NetworkConfig defaults(Path stateDir) {
        return new NetworkConfig(DEFAULT_BRIDGE, DEFAULT_CIDR, stateDir, null);
    }
}
