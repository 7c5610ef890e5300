package dev.mooring.runtime.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The PostgreSQL Mooring ships, unpacked and run as the unprivileged user containers run as. Needs root. */
class BinariesTest {
    @TempDir
    Path state;

    @Test
    void shippedPostgresIsUnpackedOnceAndRunsAsNobody() throws Exception {
        assertThat(ProcessHandle.current().info().user()).as("running as nobody needs root").contains("root");
        // as a runtime's state directory is: searchable by the users containers run as
        Files.setPosixFilePermissions(state, PosixFilePermissions.fromString("rwx--x--x"));
        Path bin = new Binaries(state, state.resolve("no-postgresql")).postgresBin();

        Path home = state.resolve("bin").resolve(Binaries.SHIPPED_POSTGRES);
        assertThat(bin).isEqualTo(home.resolve("bin"));
        assertThat(asNobody(bin.resolve("postgres"), "--version")).isEqualTo("postgres (PostgreSQL) 15.10\n");
        assertThat(asNobody(bin.resolve("initdb"), "--version")).isEqualTo("initdb (PostgreSQL) 15.10\n");
        assertThat(Files.readSymbolicLink(home.resolve("lib/libpq.so.5"))).isEqualTo(Path.of("libpq.so.5.15"));
        assertThat(Files.getPosixFilePermissions(home.resolve("share/postgresql/postgres.bki")))
                .isEqualTo(PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(Files.getPosixFilePermissions(home.resolve("lib/postgresql")))
                .isEqualTo(PosixFilePermissions.fromString("rwxr-xr-x"));
        assertThat(Files.exists(state.resolve("bin").resolve(Binaries.SHIPPED_POSTGRES + ".part"),
                LinkOption.NOFOLLOW_LINKS)).as("no partial copy is left").isFalse();

        Path marker = home.resolve("unpacked-before");
        Files.createFile(marker);
        assertThat(new Binaries(state, state.resolve("no-postgresql")).postgresBin()).isEqualTo(bin);
        assertThat(marker).as("a later run reuses the unpacked copy").exists();
    }

    @Test
    void newestSystemPostgresIsPreferred() throws Exception {
        Path root = state.resolve("postgresql");
        for (String version : List.of("9", "15", "13")) {
            for (String program : List.of("postgres", "initdb")) {
                Path p = root.resolve(version).resolve("bin").resolve(program);
                Files.createDirectories(p.getParent());
                Files.createFile(p, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
            }
        }
        assertThat(new Binaries(state, root).postgresBin()).isEqualTo(root.resolve("15/bin"));
        assertThat(state.resolve("bin").resolve(Binaries.SHIPPED_POSTGRES)).doesNotExist();
    }

    private static String asNobody(Path program, String arg) throws Exception {
        // from /, as a container starts in a directory of its own: the test's directory may be closed to nobody
        Process p = new ProcessBuilder("runuser", "-u", "nobody", "--", program.toString(), arg)
                .directory(new java.io.File("/")).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }
}
