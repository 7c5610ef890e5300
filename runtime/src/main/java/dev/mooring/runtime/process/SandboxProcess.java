package dev.mooring.runtime.process;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * One program running in a task's sandbox. The command line is built in layers, each doing one thing:
 * <ol>
 *   <li>a root shell that joins the container's cgroups, so the program never runs unlimited;</li>
 *   <li>the sandbox's exec prefix (network, UTS, PID and mount namespaces, hostname);</li>
 *   <li>setpriv, which switches to the container's user and drops every capability for good;</li>
 *   <li>a tiny init: the first process of a PID namespace ignores signals it has no handler for, so a plain program
 *       there would never see SIGTERM; this shell traps it, forwards it to the program and exits with the program's
 *       status (128+signal when killed, as Docker reports).</li>
 * </ol>
 * SIGKILL goes to the namespace's first process, which takes every process of the namespace with it.
 */
public final class SandboxProcess {
    static final String SETPRIV = "/usr/bin/setpriv";
    private static final String INIT = "trap 'kill -TERM $pid 2>/dev/null' TERM INT; \"$@\" & pid=$!; "
            + "while :; do wait $pid; rc=$?; kill -0 $pid 2>/dev/null || exit $rc; done";
    private static final String JOIN_CGROUPS = "while [ \"$1\" != -- ]; do echo $$ > \"$1\" || exit 125; shift; "
            + "done; shift; exec \"$@\"";

    private final Process process;
    private volatile boolean killed;

    private SandboxProcess(Process process) {
        this.process = process;
    }

    /** The full command line for a spec; separate so it can be checked without starting anything. */
    public static List<String> commandLine(ProcessSpec spec) {
        List<String> cmd = new ArrayList<>();
        if (!spec.cgroupProcs().isEmpty()) {
            cmd.addAll(List.of("/bin/sh", "-c", JOIN_CGROUPS, "mooring-cgroup"));
            spec.cgroupProcs().forEach(p -> cmd.add(p.toString()));
            cmd.add("--");
        }
        cmd.addAll(spec.execPrefix());
        if (!spec.user().isRoot()) {
            cmd.addAll(List.of(SETPRIV, "--reuid=" + spec.user().uid(), "--regid=" + spec.user().gid(),
                    "--clear-groups", "--inh-caps=-all", "--bounding-set=-all", "--no-new-privs"));
        }
        cmd.addAll(List.of("/bin/sh", "-c", INIT, "mooring-init"));
        cmd.addAll(spec.argv());
        return cmd;
    }

    public static SandboxProcess start(ProcessSpec spec) throws IOException {
        if (!Files.isExecutable(Path.of(SETPRIV))) {
            throw new IOException(SETPRIV + " is missing; install util-linux, which Mooring needs to drop privileges");
        }
        ProcessBuilder builder = new ProcessBuilder(commandLine(spec)).directory(spec.directory().toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true)
                .redirectOutput(spec.output() == null ? ProcessBuilder.Redirect.DISCARD
                        : ProcessBuilder.Redirect.appendTo(spec.output().toFile()));
        builder.environment().clear();
        builder.environment().putAll(spec.environment());
        return new SandboxProcess(builder.start());
    }

    public long pid() {
        return process.pid();
    }

    /**
     * Completes with the exit status: the program's code, or 128+signal when a signal ended it; 137 after
     * {@link #kill}, whichever layer of the command line noticed first.
     */
    public CompletableFuture<Integer> exit() {
        return process.onExit().thenApply(p -> killed && p.exitValue() != 0 ? 137 : p.exitValue());
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Asks the program to stop (SIGTERM through the init). */
    public void terminate() {
        namespaceInit().ifPresentOrElse(ProcessHandle::destroy, process::destroy);
    }

    /** Ends the program and every process of its PID namespace (SIGKILL). */
    public void kill() {
        killed = true;
        namespaceInit().ifPresent(ProcessHandle::destroyForcibly);
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    /** The first process of the program's PID namespace: the descendant whose parent is still in ours. */
    private Optional<ProcessHandle> namespaceInit() {
        String ours = pidNamespace(ProcessHandle.current().pid());
        return process.descendants()
                .filter(p -> !ours.equals(pidNamespace(p.pid())))
                .filter(p -> p.parent().map(parent -> ours.equals(pidNamespace(parent.pid()))).orElse(false))
                .findFirst();
    }

    private static String pidNamespace(long pid) {
        try {
            return Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "ns", "pid")).toString();
        } catch (IOException e) {
            return "gone";
        }
    }
}
