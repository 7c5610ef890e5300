package dev.mooring.runtime.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * cgroup v2: {@code /sys/fs/cgroup/mooring/<instance>/<task>/<container>}, with the memory and cpu controllers
 * enabled down the tree. Task memory.max and cpu.max on the task's cgroup; container memory.max and cpu.weight on
 * the leaf.
 *
 * @param mooring {@code /sys/fs/cgroup/mooring}, shared by every Mooring instance
 */
public record CgroupsV2(Path mooring, String instance) implements Cgroups {
    private static final long CFS_PERIOD_US = 100_000;

    @Override
    public CgroupPlacement place(String taskId, String container, Integer taskCpu, Integer taskMemoryMiB,
                                 Integer cpu, Integer memoryMiB) throws IOException {
        List<String> applied = new ArrayList<>();
        Path task = root().resolve(taskId);
        Files.createDirectories(task);
        enableControllers(mooring.getParent());
        enableControllers(mooring);
        enableControllers(root());
        enableControllers(task);
        if (taskMemoryMiB != null) {
            Files.writeString(task.resolve("memory.max"), Long.toString((long) taskMemoryMiB << 20));
            applied.add("task memory.max " + Cgroups.mib((long) taskMemoryMiB << 20));
        }
        if (taskCpu != null) {
            Files.writeString(task.resolve("cpu.max"), taskCpu * CFS_PERIOD_US / 1024 + " " + CFS_PERIOD_US);
            applied.add("task cpu.max " + taskCpu * CFS_PERIOD_US / 1024 + " " + CFS_PERIOD_US);
        }
        Path leaf = Files.createDirectories(task.resolve(container));
        if (memoryMiB != null) {
            Files.writeString(leaf.resolve("memory.max"), Long.toString((long) memoryMiB << 20));
            applied.add("memory.max " + Cgroups.mib((long) memoryMiB << 20));
        }
        if (cpu != null) {
            // the kernel's own mapping of v1 shares (2..262144) onto v2 weights (1..10000)
            long weight = 1 + (Math.clamp(cpu, 2, 262_144) - 2L) * 9999 / 262_142;
            Files.writeString(leaf.resolve("cpu.weight"), Long.toString(weight));
            applied.add("cpu.weight " + weight);
        }
        return new CgroupPlacement(List.of(leaf.resolve("cgroup.procs")),
                "cgroup v2: " + (applied.isEmpty() ? "no limits" : String.join(", ", applied)));
    }

    private Path root() {
        return mooring.resolve(instance);
    }

    private static void enableControllers(Path cgroup) throws IOException {
        Files.writeString(cgroup.resolve("cgroup.subtree_control"), "+memory +cpu");
    }

    @Override
    public boolean oomKilled(String taskId, String container) {
        try {
            return Files.readAllLines(root().resolve(taskId).resolve(container).resolve("memory.events")).stream()
                    .anyMatch(l -> l.startsWith("oom_kill ") && !l.equals("oom_kill 0"));
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void remove(String taskId) throws IOException {
        for (Path dir : Cgroups.deepestFirst(root().resolve(taskId))) {
            Cgroups.killAndRemove(dir);
        }
    }

    @Override
    public void removeAll() throws IOException {
        for (Path dir : Cgroups.deepestFirst(root())) {
            Cgroups.killAndRemove(dir);
        }
    }
}
