package dev.mooring.runtime.net;

import dev.mooring.core.net.Ipv4Cidr;
import dev.mooring.task.TaskLaunch.HostEntry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the bridge, the task addresses and the per-task network namespaces (awsvpc emulation, issue 3). The bridge
 * gets the gateway address and nothing else: no uplink, no NAT, no default route, so task traffic reaches the host
 * and other tasks but never leaves the machine. Calls are serialized; they only run a few short {@code ip}
 * commands.
 */
public final class TaskNetworks implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TaskNetworks.class);
    private static final Path UNPRIVILEGED_PORT_START = Path.of("/proc/sys/net/ipv4/ip_unprivileged_port_start");

    private final NetworkConfig config;
    private final Ipv4Cidr cidr;
    private final Tools tools;
    private final IpRoute ip;
    private final BridgeLock lock;
    private final StateFile state;
    private final AddressPool addresses;
    private final String nameserver;
    private final Map<String, StateFile.Entry> entries = new LinkedHashMap<>();
    private final Map<String, TaskSandbox> sandboxes = new LinkedHashMap<>();
    private final Map<String, List<HostEntry>> hostLines = new LinkedHashMap<>();
    /** Addresses of the task network that the host itself answers on the bridge (load balancers). */
    private final Set<String> hostAddresses = new LinkedHashSet<>();
    private boolean closed;

    private TaskNetworks(NetworkConfig config, Ipv4Cidr cidr, Tools tools, IpRoute ip, BridgeLock lock) {
        this.config = config;
        this.cidr = cidr;
        this.tools = tools;
        this.ip = ip;
        this.lock = lock;
        this.state = new StateFile(config.stateDir());
        this.addresses = new AddressPool(cidr);
        this.nameserver = config.dnsServer() != null ? config.dnsServer() : gatewayAddress();
    }

    /**
     * Checks privileges and tools, removes what a previous Mooring that died left behind, and makes the bridge.
     *
     * @throws NetworkException naming what is missing or in the way, and how to run instead
     */
    public static TaskNetworks create(NetworkConfig config) {
        return create(config, claimBridge(config));
    }

    /**
     * Proves no other live Mooring owns the bridge; a runtime takes this before it touches anything shared with
     * one (cgroups, task directories, namespaces), so a second server on the same bridge hurts nothing.
     *
     * @throws NetworkException naming the running owner
     */
    public static BridgeLock claimBridge(NetworkConfig config) {
        Privileges.require();
        return BridgeLock.acquire(config.bridge());
    }

    /** As {@link #create(NetworkConfig)}, with the bridge already claimed; the lock is closed if this fails. */
    public static TaskNetworks create(NetworkConfig config, BridgeLock lock) {
        try {
            Tools tools = Tools.locate();
            Ipv4Cidr cidr = NetworkConfig.taskCidr(config.cidr());
            IpRoute ip = new IpRoute(tools.ip());
            refuseOverlap(ip, config.bridge(), cidr);
            StateFile state = new StateFile(config.stateDir());
            new Leftovers(ip).clean(config.bridge(), cidr, state);
            TaskNetworks networks = new TaskNetworks(config, cidr, tools, ip, lock);
            networks.saveState();
            ip.batch("link add " + config.bridge() + " type bridge\n"
                    + "addr add " + networks.gatewayAddress() + "/" + cidr.prefix() + " dev " + config.bridge() + "\n"
                    + "link set " + config.bridge() + " up\n");
            LOG.info("task network ready: bridge {} at {}/{} (no uplink), state in {}", config.bridge(),
                    networks.gatewayAddress(), cidr.prefix(), state.path());
            return networks;
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /** Another interface with an address in the task CIDR would make task addresses ambiguous, or reach off-box. */
    private static void refuseOverlap(IpRoute ip, String bridge, Ipv4Cidr cidr) {
        for (IpRoute.Address address : ip.hostAddresses()) {
            if (!address.device().equals(bridge) && overlaps(address.cidr(), cidr)) {
                throw new NetworkException("the task CIDR " + cidr + " overlaps " + address.cidr() + " on interface "
                        + address.device() + "; choose a task CIDR no interface uses");
            }
        }
    }

    /** Whether an interface's address/prefix shares any address with the task CIDR; /31 and /32 included. */
    private static boolean overlaps(String hostCidr, Ipv4Cidr cidr) {
        String[] parts = hostCidr.split("/");
        int prefix = Integer.parseInt(parts[1]);
        if (prefix > NetworkConfig.MAX_PREFIX) {
            int address = Ipv4Cidr.parseAddress(parts[0]);
            return contains(cidr, address) || (prefix == 31 && contains(cidr, address ^ 1));
        }
        return Ipv4Cidr.parse(networkOf(hostCidr)).overlaps(cidr);
    }

    private static boolean contains(Ipv4Cidr cidr, int address) {
        int mask = cidr.prefix() == 0 ? 0 : -1 << (32 - cidr.prefix());
        return (address & mask) == cidr.network();
    }

    private static String networkOf(String hostCidr) {
        String[] parts = hostCidr.split("/");
        int prefix = Integer.parseInt(parts[1]);
        int mask = prefix == 0 ? 0 : -1 << (32 - prefix);
        return Ipv4Cidr.format(Ipv4Cidr.parseAddress(parts[0]) & mask) + "/" + prefix;
    }

    /**
     * Makes a task's network: namespace, veth on the bridge, address, loopback, hosts and resolv.conf. Opening a
     * task that is already open returns its sandbox.
     *
     * @param hostname   the task's hostname; null or blank for Fargate's {@code ip-198-18-x-y}
     * @param extraHosts more {@code /etc/hosts} lines; null for none
     */
    public synchronized TaskSandbox open(String taskId, String hostname, List<HostEntry> extraHosts) {
        requireOpen();
        Objects.requireNonNull(taskId, "taskId");
        TaskSandbox existing = sandboxes.get(taskId);
        if (existing != null) {
            return existing;
        }
        List<HostEntry> extras = extraHosts == null ? List.of() : List.copyOf(extraHosts);
        boolean derivedName = hostname == null || hostname.isBlank();
        if (!derivedName) {
            HostFiles.validateHostname(hostname, "task hostname");
        }
        HostFiles.validate(extras);
        String netns = Names.netns(taskId);
        entries.values().stream().filter(e -> e.netns().equals(netns)).findFirst().ifPresent(e -> {
            throw new NetworkException("task " + taskId + " would share namespace " + netns + " with task "
                    + e.taskId() + " (same first 12 hex digits); use another task id");
        });
        String ipv4 = addresses.allocate();
        String name = derivedName ? "ip-" + ipv4.replace('.', '-') : hostname;
        StateFile.Entry entry = new StateFile.Entry(taskId, netns, Names.veth(taskId), ipv4, name);
        entries.put(taskId, entry);
        try {
            saveState();
            ip.batch("netns add " + netns + "\n"
                    + "link add " + entry.veth() + " type veth peer name eth0 netns " + netns + "\n"
                    + "link set " + entry.veth() + " master " + config.bridge() + " up\n");
            ip.batchIn(netns, "addr add " + ipv4 + "/" + cidr.prefix() + " dev eth0\n"
                    + "link set lo up\n"
                    + "link set eth0 up\n");
            allowUnprivilegedPorts(Path.of("/run/netns", netns));
            HostFiles.write(netns, ipv4, name, extras, nameserver);
            hostLines.put(taskId, extras);
        } catch (RuntimeException e) {
            teardown(entry).forEach(problem -> e.addSuppressed(new NetworkException(problem)));
            throw e;
        }
        TaskSandbox sandbox = new TaskSandbox(taskId, netns, Path.of("/run/netns", netns), ipv4, name,
                execPrefix(netns, name));
        sandboxes.put(taskId, sandbox);
        return sandbox;
    }

    /**
     * What Docker does for every container: an unprivileged program may bind ports below 1024 in its own namespace
     * (the YELB UI listens on 80 as nobody). The sysctl is per network namespace, and /proc/sys/net opens the one of
     * the calling thread: written from a thread inside the namespace, not through {@code ip netns exec}, whose fork,
     * exec and mount namespace cost a task's start about 4 ms.
     */
    private static void allowUnprivilegedPorts(Path netnsPath) {
        try {
            Namespaces.callIn(netnsPath, () -> Files.writeString(UNPRIVILEGED_PORT_START, "0"));
        } catch (Exception e) {
            throw new NetworkException("cannot let unprivileged programs bind low ports in " + netnsPath + ": "
                    + e.getMessage(), e);
        }
    }

    private List<String> execPrefix(String netns, String hostname) {
        // The sh is PID 1 of the new PID namespace only until it execs the program, which then is PID 1 itself.
        return List.of(tools.ip(), "netns", "exec", netns,
                tools.unshare(), "--uts", "--pid", "--fork", "--mount-proc", "--kill-child", "--",
                "/bin/sh", "-c", tools.hostname() + " \"$0\" && exec \"$@\"", hostname);
    }

    /**
     * Adds lines to a running task's {@code /etc/hosts} (Service Connect names learnt while it runs). The file is
     * rewritten in place, so the task's processes, which see it through a bind mount, read the new lines.
     */
    public synchronized void addHosts(String taskId, List<HostEntry> more) {
        StateFile.Entry entry = entries.get(taskId);
        if (entry == null) {
            return;
        }
        HostFiles.validate(more);
        List<HostEntry> all = new ArrayList<>(hostLines.getOrDefault(taskId, List.of()));
        more.stream().filter(h -> !all.contains(h)).forEach(all::add);
        HostFiles.write(entry.netns(), entry.ipv4(), entry.hostname(), all, nameserver);
        hostLines.put(taskId, List.copyOf(all));
    }

    /** The open sandbox of a task, if any. */
    public synchronized Optional<TaskSandbox> sandbox(String taskId) {
        return Optional.ofNullable(sandboxes.get(taskId));
    }

    /**
     * Removes a task's network: kills any process still inside it, deletes its files, veth and namespace, and frees
     * its address. Closing an unknown or already closed task does nothing.
     */
    public synchronized void close(String taskId) {
        StateFile.Entry entry = entries.get(taskId);
        if (entry == null) {
            return;
        }
        List<String> problems = teardown(entry);
        if (!problems.isEmpty()) {
            throw new NetworkException("could not fully remove the network of task " + taskId + ": "
                    + String.join("; ", problems));
        }
    }

    /** Undoes whatever exists of one task's network; returns what could not be undone. */
    private List<String> teardown(StateFile.Entry entry) {
        List<String> problems = new ArrayList<>();
        try {
            NetnsProcesses.killAll(ip, entry.netns());
            HostFiles.delete(entry.netns());
        } catch (NetworkException e) {
            problems.add(e.getMessage());
        }
        // Deleting the veth first makes its removal synchronous; a namespace's own teardown is deferred by the kernel.
        if (ip.linkExists(entry.veth())) {
            ip.deleteLink(entry.veth()).ifPresent(problems::add);
        }
        if (ip.netnsNames().contains(entry.netns())) {
            ip.deleteNetns(entry.netns()).ifPresent(problems::add);
        }
        sandboxes.remove(entry.taskId());
        hostLines.remove(entry.taskId());
        entries.remove(entry.taskId());
        addresses.release(entry.ipv4());
        saveState();
        return problems;
    }

    /**
     * An address of the task network that the host answers on the bridge, for a service the host runs for tasks (a
     * load balancer's listeners): {@code preferred} when it is free (the one it had before a restart), else the next
     * free one. Tasks reach it like another task; the host reaches it too. It goes with the bridge.
     */
    public synchronized String openHostAddress(String preferred) {
        requireOpen();
        String address = preferred != null && addresses.reserve(preferred) ? preferred : addresses.allocate();
        try {
            ip.batch("addr add " + address + "/32 dev " + config.bridge() + "\n");
        } catch (RuntimeException e) {
            addresses.release(address);
            throw e;
        }
        hostAddresses.add(address);
        return address;
    }

    /** Gives back an address {@link #openHostAddress} handed out; an unknown one is ignored. */
    public synchronized void closeHostAddress(String address) {
        if (closed || !hostAddresses.remove(address)) {
            return;
        }
        try {
            ip.batch("addr del " + address + "/32 dev " + config.bridge() + "\n");
        } finally {
            addresses.release(address);
        }
    }

    /** The bridge's address: the first host address of the task CIDR, where the DNS server listens. */
    public String gatewayAddress() {
        return Ipv4Cidr.format(cidr.gateway());
    }

    private void saveState() {
        state.write(new StateFile.State(config.bridge(), cidr.toString(), List.copyOf(entries.values())));
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("task networks are closed");
        }
    }

    /** Removes every task network, the bridge and the state file. Closing twice does nothing. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<String> problems = new ArrayList<>();
        for (StateFile.Entry entry : List.copyOf(entries.values())) {
            problems.addAll(teardown(entry));
        }
        if (ip.linkExists(config.bridge())) {
            ip.deleteLink(config.bridge()).ifPresent(problems::add);
        }
        if (problems.isEmpty()) {
            state.delete();
        }
        lock.close();
        if (!problems.isEmpty()) {
            throw new NetworkException("could not remove every task network (the state file " + state.path()
                    + " is kept so the next start cleans up): " + String.join("; ", problems));
        }
    }
}
