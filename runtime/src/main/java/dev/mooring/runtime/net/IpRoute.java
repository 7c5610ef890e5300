package dev.mooring.runtime.net;

import java.util.List;
import java.util.Optional;

/** The iproute2 calls task networking makes, with their output parsed. Every failure names the command. */
final class IpRoute {
    private final String ip;

    IpRoute(String ip) {
        this.ip = ip;
    }

    /** One {@code ip -batch} run: several changes for the price of one process. */
    void batch(String script) {
        Command.run(List.of(ip, "-batch", "-"), script);
    }

    void batchIn(String netns, String script) {
        Command.run(List.of(ip, "-n", netns, "-batch", "-"), script);
    }

    /** Names of network namespaces in /run/netns. */
    List<String> netnsNames() {
        // lines look like "mooring-0123456789ab (id: 3)"
        return Command.run(List.of(ip, "netns", "list")).lines()
                .map(l -> l.strip().split("\\s+")[0]).filter(s -> !s.isEmpty()).toList();
    }

    List<Long> netnsPids(String netns) {
        Command.Result result = Command.attempt(List.of(ip, "netns", "pids", netns), null);
        return result.ok() ? result.stdout().lines().map(String::strip).filter(s -> s.matches("\\d+"))
                .map(Long::valueOf).toList() : List.of();
    }

    /** IPv4 addresses of a namespace's interfaces, as a.b.c.d/prefix; empty if it has none or is gone. */
    List<String> netnsAddresses(String netns) {
        Command.Result result = Command.attempt(List.of(ip, "-n", netns, "-o", "-4", "addr", "show"), null);
        return result.ok() ? inetColumn(result.stdout()).stream().map(Address::cidr).toList() : List.of();
    }

    /** IPv4 addresses of the host's own interfaces. */
    List<Address> hostAddresses() {
        return inetColumn(Command.run(List.of(ip, "-o", "-4", "addr", "show")));
    }

    boolean linkExists(String name) {
        return Command.attempt(List.of(ip, "link", "show", "dev", name), null).ok();
    }

    /** Interfaces enslaved to a bridge; empty if the bridge does not exist. */
    List<String> linksOf(String bridge) {
        Command.Result result = Command.attempt(List.of(ip, "-o", "link", "show", "master", bridge), null);
        // lines look like "6: mv0123456789@if2: <...> ..."
        return result.ok() ? result.stdout().lines().map(l -> l.split(":\\s+", 3))
                .filter(f -> f.length > 1).map(f -> f[1].split("@")[0]).toList() : List.of();
    }

    /**
     * Deletes a link; empty on success or when it is already gone, else why not. A veth can vanish between a check and
     * this call: the kernel removes both ends, asynchronously, when the namespace holding its peer is deleted.
     */
    Optional<String> deleteLink(String name) {
        return failure(List.of(ip, "link", "del", "dev", name)).filter(why -> linkExists(name));
    }

    Optional<String> deleteNetns(String netns) {
        return failure(List.of(ip, "netns", "del", netns));
    }

    private static Optional<String> failure(List<String> argv) {
        Command.Result result = Command.attempt(argv, null);
        return result.ok() ? Optional.empty()
                : Optional.of("'" + String.join(" ", argv) + "': " + result.stderr().strip());
    }

    record Address(String device, String cidr) {}

    /** Parses {@code ip -o -4 addr show}: "2: eth0    inet 10.0.0.5/24 brd ... scope global eth0\ ...". */
    private static List<Address> inetColumn(String output) {
        return output.lines().map(l -> l.strip().split("\\s+")).filter(f -> f.length > 3 && f[2].equals("inet"))
                .map(f -> new Address(f[1], f[3])).toList();
    }
}
