package dev.mooring.runtime.net;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Netfilter NAT rules inside a task's network namespace, through {@code ip netns exec NAME iptables ...}: Service
 * Connect's ingress interception (PREROUTING REDIRECT of the app's port to the proxy's listener, as the ECS agent
 * does in awsvpc mode, spec §4.3) and egress port remaps. The rules live in the namespace and go with it, so a
 * task's teardown (or the leftovers sweep after a crash) removes them without a step of its own.
 */
public final class Netfilter {
    static final String MISSING = "Service Connect needs 'iptables' to redirect traffic inside task namespaces, and"
            + " it is not installed; install it (Debian/Ubuntu: apt-get install iptables)";
    private static final String[] DIRS = {"/usr/sbin", "/sbin", "/usr/bin", "/bin"};

    private final String ip;
    private final String iptables;

    private Netfilter(String ip, String iptables) {
        this.ip = ip;
        this.iptables = iptables;
    }

    /** @throws NetworkException saying how to install iptables when it is missing */
    public static Netfilter locate() {
        Tools tools = Tools.locate();
        return new Netfilter(tools.ip(), find("iptables").orElseThrow(() -> new NetworkException(MISSING)));
    }

    /** Whether iptables is installed; the server says so at start when it is not. */
    public static boolean available() {
        return find("iptables").isPresent();
    }

    static Optional<String> find(String tool) {
        String path = System.getenv().getOrDefault("PATH", "");
        return Stream.concat(Stream.of(path.split(File.pathSeparator)), Stream.of(DIRS))
                .filter(dir -> !dir.isEmpty()).map(dir -> Path.of(dir, tool)).filter(Files::isExecutable)
                .findFirst().map(Path::toString);
    }

    /** Appends each rule ({@code iptables} arguments) in the namespace, in order; the first failure throws. */
    public void append(String netnsName, List<List<String>> rules) {
        for (List<String> rule : rules) {
            List<String> argv = new ArrayList<>(List.of(ip, "netns", "exec", netnsName, iptables));
            argv.addAll(rule);
            Command.run(argv);
        }
    }

    /** The NAT table of the namespace as {@code iptables -S} prints it (for status and tests). */
    public String natRules(String netnsName) {
        return Command.run(List.of(ip, "netns", "exec", netnsName, iptables, "-w", "-t", "nat", "-S"));
    }
}
