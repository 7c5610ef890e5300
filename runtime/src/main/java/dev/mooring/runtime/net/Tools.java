package dev.mooring.runtime.net;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Absolute paths of the system tools task networking runs, found once so a missing one fails at start-up. */
record Tools(String ip, String unshare, String hostname) {
    /** sudo keeps the sbin directories on PATH, a plain root shell may not; look there too. */
    private static final String[] EXTRA_DIRS = {"/usr/sbin", "/sbin", "/usr/bin", "/bin"};

    static Tools locate() {
        return new Tools(find("ip", "iproute2"), find("unshare", "util-linux"), find("hostname", "hostname"));
    }

    private static String find(String tool, String debianPackage) {
        String path = System.getenv().getOrDefault("PATH", "");
        return Stream.concat(Stream.of(path.split(File.pathSeparator)), Stream.of(EXTRA_DIRS))
                .filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, tool))
                .filter(Files::isExecutable)
                .findFirst()
                .map(Path::toString)
                .orElseThrow(() -> new NetworkException("task networking needs '" + tool + "', which is not on"
                        + " PATH; install it (Debian/Ubuntu: apt-get install " + debianPackage + ")"));
    }
}
