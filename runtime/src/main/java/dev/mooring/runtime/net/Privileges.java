package dev.mooring.runtime.net;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Checks the effective capabilities before anything is touched: creating namespaces, veths and a bridge needs
 * CAP_NET_ADMIN, mounting a task's hosts file and /proc needs CAP_SYS_ADMIN. Root normally has both.
 */
final class Privileges {
    static final int CAP_NET_ADMIN = 12;
    static final int CAP_SYS_ADMIN = 21;

    private Privileges() {}

    static void require() {
        String status;
        try {
            status = Files.readString(Path.of("/proc/self/status"));
        } catch (IOException e) {
            throw new NetworkException("cannot read /proc/self/status to check capabilities: " + e.getMessage()
                    + "; the process runtime needs Linux", e);
        }
        List<String> missing = missing(status);
        if (!missing.isEmpty()) {
            throw new NetworkException("running tasks as processes needs CAP_NET_ADMIN and CAP_SYS_ADMIN (to make"
                    + " network namespaces, veths and a bridge, and to mount each task's /etc/hosts and /proc);"
                    + " this process lacks " + String.join(" and ", missing) + ". Run it as root: 'sudo ./mooring"
                    + " server', or without real processes: './mooring server --runtime simulated'.");
        }
    }

    /** The capabilities of the two we need that the CapEff line of a /proc/PID/status text lacks. */
    static List<String> missing(String procStatus) {
        long effective = procStatus.lines().filter(l -> l.startsWith("CapEff:")).findFirst()
                .map(l -> HexFormat.fromHexDigitsToLong(l.substring("CapEff:".length()).strip()))
                .orElse(0L);
        List<String> missing = new ArrayList<>();
        if ((effective & (1L << CAP_NET_ADMIN)) == 0) {
            missing.add("CAP_NET_ADMIN");
        }
        if ((effective & (1L << CAP_SYS_ADMIN)) == 0) {
            missing.add("CAP_SYS_ADMIN");
        }
        return missing;
    }
}
