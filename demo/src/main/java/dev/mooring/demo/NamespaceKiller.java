package dev.mooring.demo;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Interim {@link TaskKiller}: SIGKILL to every process in the task's network namespace ({@code mooring-<first 12
 * hex digits of the task id>}, the process runtime's naming), found with {@code ip netns pids}. Needs root on the
 * server's machine; only Mooring's own task namespaces are touched. To be replaced by the chaos endpoint.
 */
public final class NamespaceKiller implements TaskKiller {
    @Override
    public String kill(String cluster, String taskArn) throws Exception {
        String taskId = taskArn.substring(taskArn.lastIndexOf('/') + 1);
        String netns = "mooring-" + taskId.substring(0, 12);
        Process ip = new ProcessBuilder(List.of("ip", "netns", "pids", netns)).redirectErrorStream(true).start();
        String out = new String(ip.getInputStream().readAllBytes());
        if (!ip.waitFor(10, TimeUnit.SECONDS) || ip.exitValue() != 0) {
            throw new IllegalStateException("ip netns pids " + netns + ": " + out.strip());
        }
        List<Long> pids = out.lines().map(String::strip).filter(s -> s.matches("\\d+")).map(Long::valueOf).toList();
        long killed = pids.stream().flatMap(pid -> ProcessHandle.of(pid).stream())
                .filter(ProcessHandle::destroyForcibly).count();
        return "SIGKILL to " + killed + " process" + (killed == 1 ? "" : "es");
    }
}
