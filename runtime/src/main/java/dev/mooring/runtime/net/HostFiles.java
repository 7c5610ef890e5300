package dev.mooring.runtime.net;

import dev.mooring.task.TaskLaunch.HostEntry;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A task's {@code /etc/hosts} and {@code /etc/resolv.conf}, kept in {@code /etc/netns/NAME/}: {@code ip netns exec}
 * bind-mounts them over {@code /etc} for that process only, so no other task and not the host sees them.
 */
final class HostFiles {
    static final Path NETNS_ETC = Path.of("/etc/netns");
    /** RFC 1123 host names: labels of letters, digits and inner hyphens; a UTS hostname has at most 64 bytes. */
    private static final Pattern HOSTNAME =
            Pattern.compile("(?=.{1,64}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");

    /**
     * A name in {@code /etc/hosts}: wider than a hostname, since Service Connect aliases may hold underscores and
     * be up to 127 characters (spec §4.1, e.g. {@code _db.production.internal}).
     */
    private static final Pattern HOSTS_ENTRY =
            Pattern.compile("(?=.{1,253}$)[A-Za-z0-9_]([A-Za-z0-9_-]{0,62})(\\.[A-Za-z0-9_]([A-Za-z0-9_-]{0,62}))*");

    private HostFiles() {}

    static void validateHostname(String hostname, String what) {
        if (hostname == null || !HOSTNAME.matcher(hostname).matches()) {
            throw new IllegalArgumentException(what + " '" + hostname + "' is not a valid host name: use at most 64"
                    + " characters of dot-separated labels made of letters, digits and inner hyphens");
        }
    }

    static void validate(List<HostEntry> extraHosts) {
        for (HostEntry entry : extraHosts) {
            if (entry.hostname() == null || !HOSTS_ENTRY.matcher(entry.hostname()).matches()) {
                throw new IllegalArgumentException("extra host name '" + entry.hostname() + "' is not a valid"
                        + " name: use at most 253 characters of dot-separated labels made of letters, digits,"
                        + " hyphens and underscores");
            }
            try {
                InetAddress.ofLiteral(entry.ipAddress() == null ? "" : entry.ipAddress());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("extra host '" + entry.hostname() + "' has address '"
                        + entry.ipAddress() + "', which is not an IPv4 or IPv6 literal", e);
            }
        }
    }

    static void write(String netns, String ipv4, String hostname, List<HostEntry> extraHosts, String nameserver) {
        StringBuilder hosts = new StringBuilder()
                .append("127.0.0.1\tlocalhost\n")
                .append("::1\tlocalhost ip6-localhost ip6-loopback\n")
                .append(ipv4).append('\t').append(hostname).append('\n');
        extraHosts.forEach(e -> hosts.append(e.ipAddress()).append('\t').append(e.hostname()).append('\n'));
        // ndots:1 makes a dotted name such as a Cloud Map "service.namespace" go straight to the DNS server.
        String resolv = "nameserver " + nameserver + "\noptions ndots:1\n";
        Path dir = NETNS_ETC.resolve(netns);
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("hosts"), hosts);
            Files.writeString(dir.resolve("resolv.conf"), resolv);
        } catch (IOException e) {
            throw new NetworkException("cannot write " + dir + "/hosts and resolv.conf: " + e.getMessage(), e);
        }
    }

    static void delete(String netns) {
        Path dir = NETNS_ETC.resolve(netns);
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new NetworkException("cannot delete " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Names of {@code /etc/netns} directories shaped like a Mooring task's. */
    static List<String> existing() {
        if (!Files.isDirectory(NETNS_ETC)) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(NETNS_ETC)) {
            return dirs.map(p -> p.getFileName().toString()).filter(Names::isNetns).toList();
        } catch (IOException e) {
            throw new NetworkException("cannot list " + NETNS_ETC + ": " + e.getMessage(), e);
        }
    }
}
