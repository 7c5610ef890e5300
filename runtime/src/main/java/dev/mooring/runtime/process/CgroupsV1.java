package dev.mooring.runtime.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * cgroup v1: {@code memory/mooring/<instance>/<task>/<container>} and the same under {@code cpu}. Task memory and
 * a CFS quota for task CPU sit on the task's cgroups; container memory and cpu.shares on the container's.
 */
public record CgroupsV1(Path memoryRoot, Path cpuRoot) implements Cgroups {
    private static final long CFS_PERIOD_US = 100_000;

    @Override
    public CgroupPlacement place(String taskId, String container, Integer taskCpu, Integer taskMemoryMiB,
                                 Integer cpu, Integer memoryMiB) throws IOException {
        List<String> applied = new ArrayList<>();
        Path memTask = memoryRoot.resolve(taskId);
        Path cpuTask = cpuRoot.resolve(taskId);
        Files.createDirectories(memTask);
        Files.createDirectories(cpuTask);
        if (taskMemoryMiB != null) {
            Files.writeString(memTask.resolve("memory.limit_in_bytes"), Long.toString((long) taskMemoryMiB << 20));
            applied.add("task memory " + Cgroups.mib((long) taskMemoryMiB << 20));
        }
        if (taskCpu != null) {
            Files.writeString(cpuTask.resolve("cpu.cfs_period_us"), Long.toString(CFS_PERIOD_US));
            Files.writeString(cpuTask.resolve("cpu.cfs_quota_us"), Long.toString(taskCpu * CFS_PERIOD_US / 1024));
            applied.add("task cpu quota " + taskCpu * CFS_PERIOD_US / 1024 + "/" + CFS_PERIOD_US + " us");
        }
        Path mem = Files.createDirectories(memTask.resolve(container));
        Path cpuGroup = Files.createDirectories(cpuTask.resolve(container));
        if (memoryMiB != null) {
            Files.writeString(mem.resolve("memory.limit_in_bytes"), Long.toString((long) memoryMiB << 20));
            applied.add("memory " + Cgroups.mib((long) memoryMiB << 20));
        }
        if (cpu != null) {
            int shares = Math.max(2, cpu);
            Files.writeString(cpuGroup.resolve("cpu.shares"), Integer.toString(shares));
            applied.add("cpu.shares " + shares);
        }
        return new CgroupPlacement(List.of(mem.resolve("cgroup.procs"), cpuGroup.resolve("cgroup.procs")),
                "cgroup v1: " + (applied.isEmpty() ? "no limits" : String.join(", ", applied)));
    }

    @Override
    public boolean oomKilled(String taskId, String container) {
        // memory.oom_control counts OOM kills of this cgroup's own processes, even when an ancestor's limit hit
        try {
            return Files.readAllLines(memoryRoot.resolve(taskId).resolve(container).resolve("memory.oom_control"))
                    .stream().anyMatch(l -> l.startsWith("oom_kill ") && !l.equals("oom_kill 0"));
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void remove(String taskId) throws IOException {
        for (Path root : List.of(memoryRoot, cpuRoot)) {
            for (Path dir : Cgroups.deepestFirst(root.resolve(taskId))) {
                Cgroups.killAndRemove(dir);
            }
        }
    }

    @Override
    public void removeAll() throws IOException {
        for (Path root : List.of(memoryRoot, cpuRoot)) {
            for (Path dir : Cgroups.deepestFirst(root)) {
                Cgroups.killAndRemove(dir);
            }
        }
    }
}
