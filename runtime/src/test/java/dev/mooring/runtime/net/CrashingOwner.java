package dev.mooring.runtime.net;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * A Mooring stand-in for the crash test: opens two task networks with a process in each, says READY, and waits to
 * be killed with SIGKILL, so it never closes anything.
 */
public final class CrashingOwner {
    private CrashingOwner() {}

    public static void main(String[] args) throws Exception {
        NetworkConfig config = new NetworkConfig(args[0], args[1], Path.of(args[2]), null);
        TaskNetworks networks = TaskNetworks.create(config);
        StringBuilder ready = new StringBuilder("READY");
        for (String taskId : List.of(TaskIds.random(), TaskIds.random())) {
            TaskSandbox sandbox = networks.open(taskId, null, List.of());
            List<String> argv = new ArrayList<>(sandbox.execPrefix());
            argv.addAll(List.of("sleep", "600"));
            new ProcessBuilder(argv).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            ready.append(' ').append(sandbox.netnsName());
        }
        System.out.println(ready);
        System.out.flush();
        new CountDownLatch(1).await();
    }
}
