package dev.mooring.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * botocore sends DiscoverInstances to {@code data-<host>} even with a custom endpoint (service-connect-spec §1.2), so
 * {@code data-localhost} has to resolve. When Mooring runs as root it adds that one line to /etc/hosts.
 */
public final class HostsFile {
    public static final String DATA_HOST = "data-localhost";

    private HostsFile() {}

    /** Returns true if it added the entry now, false if it was already there. */
    public static boolean ensureDataLocalhost(Path hosts) throws IOException {
        if (Files.exists(hosts) && Files.readAllLines(hosts).stream()
                .map(l -> l.replaceAll("#.*", "").trim().split("\\s+"))
                .anyMatch(f -> f.length > 1 && Arrays.asList(f).subList(1, f.length).contains(DATA_HOST))) {
            return false;
        }
        Files.writeString(hosts, "127.0.0.1 " + DATA_HOST + "  # added by mooring server for Cloud Map DiscoverInstances\n",
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        return true;
    }
}
