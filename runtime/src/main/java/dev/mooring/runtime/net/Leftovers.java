package dev.mooring.runtime.net;

import dev.mooring.core.net.Ipv4Cidr;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes what a Mooring that died without closing left behind: the namespaces its state file lists, any other
 * {@code mooring-*} namespace holding an address in this task CIDR, their processes, their veths, the bridge and
 * orphaned {@code /etc/netns/mooring-*} directories. Runs only while holding the {@link BridgeLock}, so no live
 * Mooring owns any of it.
 */
final class Leftovers {
    private static final Logger LOG = LoggerFactory.getLogger(Leftovers.class);

    private final IpRoute ip;

    Leftovers(IpRoute ip) {
        this.ip = ip;
    }

    /** What was removed, for the start-up log and for tests. */
    record Report(List<String> namespaces, List<String> veths, boolean bridge, List<String> etcDirs,
                  int processes) {
        boolean empty() {
            return namespaces.isEmpty() && veths.isEmpty() && !bridge && etcDirs.isEmpty() && processes == 0;
        }
    }

    Report clean(String bridge, Ipv4Cidr cidr, StateFile state) {
        Set<String> recorded = new LinkedHashSet<>();
        Set<String> recordedVeths = new LinkedHashSet<>();
        state.read().ifPresent(s -> s.tasks().forEach(e -> {
            recorded.add(e.netns());
            recordedVeths.add(e.veth());
        }));
        List<String> namespaces = ip.netnsNames().stream().filter(Names::isNetns)
                .filter(n -> recorded.contains(n) || holdsAddressIn(n, cidr)).toList();
        int processes = 0;
        List<String> problems = new ArrayList<>();
        for (String netns : namespaces) {
            processes += NetnsProcesses.killAll(ip, netns);
            HostFiles.delete(netns);
            String veth = "mv" + netns.substring(Names.NETNS_PREFIX.length(), Names.NETNS_PREFIX.length() + 10);
            recordedVeths.add(veth);
            ip.deleteNetns(netns).ifPresent(problems::add);
        }
        List<String> veths = new ArrayList<>();
        Set<String> candidates = new LinkedHashSet<>(recordedVeths.stream().filter(Names::isVeth).toList());
        ip.linksOf(bridge).stream().filter(Names::isVeth).forEach(candidates::add);
        for (String veth : candidates) {
            if (ip.linkExists(veth)) {
                ip.deleteLink(veth).ifPresentOrElse(problems::add, () -> veths.add(veth));
            }
        }
        boolean bridgeRemoved = false;
        if (ip.linkExists(bridge)) {
            ip.deleteLink(bridge).ifPresent(problems::add);
            bridgeRemoved = true;
        }
        Set<String> live = Set.copyOf(ip.netnsNames());
        List<String> etcDirs = HostFiles.existing().stream().filter(d -> !live.contains(d)).toList();
        etcDirs.forEach(HostFiles::delete);
        if (!problems.isEmpty()) {
            throw new NetworkException("could not remove what a previous Mooring left behind: "
                    + String.join("; ", problems));
        }
        Report report = new Report(namespaces, veths, bridgeRemoved, etcDirs, processes);
        if (!report.empty()) {
            LOG.warn("a previous Mooring on bridge {} died without cleaning up; removed its {} task namespace(s),"
                    + " {} process(es), {} veth(s){}", bridge, namespaces.size(), processes, veths.size(),
                    bridgeRemoved ? " and the bridge" : "");
        }
        return report;
    }

    private boolean holdsAddressIn(String netns, Ipv4Cidr cidr) {
        return ip.netnsAddresses(netns).stream()
                .anyMatch(a -> cidr.contains(Ipv4Cidr.parseAddress(a.substring(0, a.indexOf('/')))));
    }
}
