package dev.mooring.runtime.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * Mooring's cgroups: {@code mooring/<instance>/<task>/<container>}, the task's holding task-level limits. cgroup v2
 * where the machine has it, else the v1 memory and cpu hierarchies. Every container process is in one, so after a
 * crash the next start of the same instance (named by its bridge, which only one live Mooring can hold) finds
 * exactly its leftover processes there, and nothing of another Mooring's.
 */
public sealed interface Cgroups permits CgroupsV1, CgroupsV2 {
    String ROOT_NAME = "mooring";

    /** The cgroups of one Mooring instance, in the version this machine offers under {@code /sys/fs/cgroup}. */
    static Cgroups detect(String instance) {
        return detect(Path.of("/sys/fs/cgroup"), instance);
    }

    static Cgroups detect(Path fs, String instance) {
        if (!instance.matches("[A-Za-z0-9_.-]+") || instance.startsWith(".")) {
            throw new IllegalArgumentException("'" + instance + "' cannot name a cgroup");
        }
        if (Files.exists(fs.resolve("cgroup.controllers"))) {
            return new CgroupsV2(fs.resolve(ROOT_NAME), instance);
        }
        if (Files.exists(fs.resolve("memory/cgroup.procs")) && Files.exists(fs.resolve("cpu/cgroup.procs"))) {
            return new CgroupsV1(fs.resolve("memory").resolve(ROOT_NAME).resolve(instance),
                    fs.resolve("cpu").resolve(ROOT_NAME).resolve(instance));
        }
        throw new IllegalStateException("neither cgroup v2 (" + fs.resolve("cgroup.controllers")
                + ") nor the cgroup v1 memory and cpu controllers (" + fs + "/memory, " + fs + "/cpu) are mounted;"
                + " Mooring needs one of them to limit and track task processes");
    }

    /**
     * Makes the container's cgroup under its task's, applying the limits given (null for none).
     *
     * @param taskCpu    task CPU units (1024 per vCPU): a hard quota for the whole task
     * @param cpu        container CPU units: its relative share, as Docker's --cpu-shares
     */
    CgroupPlacement place(String taskId, String container, Integer taskCpu, Integer taskMemoryMiB, Integer cpu,
                          Integer memoryMiB) throws IOException;

    /** Whether the kernel's OOM killer killed a process of this container. */
    boolean oomKilled(String taskId, String container);

    /** Kills whatever still runs in the task's cgroups and removes them. */
    void remove(String taskId) throws IOException;

    /** Kills every process in this instance's cgroups and removes them: cleanup after a crash, and at shutdown. */
    void removeAll() throws IOException;

    /** The cgroup directories of one Mooring root, deepest first, so they can be removed in order. */
    static List<Path> deepestFirst(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> all = Files.walk(dir)) {
            return all.filter(Files::isDirectory).sorted(Comparator.comparingInt(Path::getNameCount).reversed())
                    .toList();
        }
    }

    /** SIGKILLs every process listed in a cgroup until it is empty, then removes the (leaf) cgroup. */
    static void killAndRemove(Path cgroup) throws IOException {
        Path procs = cgroup.resolve("cgroup.procs");
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        List<Long> pids;
        while (!(pids = Files.readAllLines(procs).stream().filter(l -> !l.isBlank()).map(Long::valueOf).toList())
                .isEmpty()) {
            pids.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
            if (Instant.now().isAfter(deadline)) {
                throw new IOException("processes " + pids + " in " + cgroup + " survive SIGKILL");
            }
            LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
        }
        Files.delete(cgroup);
    }

    static String mib(long bytes) {
        return (bytes >> 20) + " MiB";
    }
}
