package dev.mooring.runtime.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/** What the root-only tests need from the machine, asserted rather than assumed, and commands to look at it. */
public final class Host {
    static final Path PYTHON = Path.of("/usr/bin/python3");

    private Host() {}

    /** These tests make namespaces and bridges: without root they must fail, not skip. */
    static void requireRootAndTools() {
        assertThat(run(List.of("id", "-u")).strip()).as("these tests need root (CI runs as root)").isEqualTo("0");
        assertThat(Tools.locate().ip()).as("iproute2's ip").isNotBlank();
        assertThat(PYTHON).as("Debian's python3, used as a tiny TCP server and client inside tasks")
                .isExecutable();
    }

    /**
     * A bridge and CIDR of this test's own, so it can run next to a Mooring server (198.18.0.0/16 on mooring0)
     * and other engineers' tests. 198.19.0.0/16 is the other half of the benchmarking range 198.18.0.0/15.
     */
    static NetworkConfig uniqueConfig(Path stateDir) {
        return uniqueConfig(stateDir, "mtest");
    }

    /** The same for any runtime test: a bridge named {@code prefix} + 8 hex digits, a /24 no route uses yet. */
    public static NetworkConfig uniqueConfig(Path stateDir, String bridgePrefix) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String routes = run(List.of("ip", "-o", "-4", "route", "show", "table", "all"));
        List<Integer> free = new ArrayList<>();
        for (int n = 1; n < 255; n++) {
            if (!routes.contains("198.19." + n + ".")) {
                free.add(n);
            }
        }
        assertThat(free).as("a free /24 in 198.19.0.0/16").isNotEmpty();
        String bridge = bridgePrefix + HexFormat.of().toHexDigits(random.nextInt());
        return new NetworkConfig(bridge, "198.19." + free.get(random.nextInt(free.size())) + ".0/24", stateDir, null);
    }

    /** What a command did: its exit code, standard output and standard error. */
    public record Result(int exitCode, String output, String error) {}

    /** Runs a command to completion, whatever its exit code (for commands expected to fail). */
    public static Result attempt(List<String> argv) {
        try {
            Process process = new ProcessBuilder(argv).start();
            process.getOutputStream().close();
            // stderr on a thread of its own: never block a shared pool on a pipe
            java.util.concurrent.CompletableFuture<String> err = new java.util.concurrent.CompletableFuture<>();
            Thread.ofVirtual().start(() -> {
                try {
                    err.complete(new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
                } catch (IOException e) {
                    err.complete(e.toString());
                }
            });
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("%s finished", argv).isTrue();
            return new Result(process.exitValue(), out, err.join());
        } catch (IOException e) {
            throw new AssertionError("cannot run " + argv, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Runs a command to completion, asserting it succeeded; its output. */
    public static String run(List<String> argv) {
        try {
            Process process = new ProcessBuilder(argv).redirectErrorStream(true).start();
            process.getOutputStream().close();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("%s finished", argv).isTrue();
            assertThat(process.exitValue()).as("exit code of %s, output: %s", argv, out).isZero();
            return out;
        } catch (IOException e) {
            throw new AssertionError("cannot run " + argv, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static String runIn(TaskSandbox sandbox, String... command) {
        return run(inside(sandbox, command));
    }

    static List<String> inside(TaskSandbox sandbox, String... command) {
        List<String> argv = new ArrayList<>(sandbox.execPrefix());
        argv.addAll(List.of(command));
        return argv;
    }

    static List<String> netns() {
        return run(List.of("ip", "netns", "list")).lines().map(l -> l.split("\\s+")[0]).toList();
    }

    static boolean linkExists(String name) {
        return new IpRoute("ip").linkExists(name);
    }

    static boolean etcDirExists(String netns) {
        return Files.exists(Path.of("/etc/netns", netns));
    }
}
