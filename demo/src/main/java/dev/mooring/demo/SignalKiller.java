package dev.mooring.demo;

import dev.mooring.chaos.TaskSignalClient;
import dev.mooring.task.TaskSignal;
import java.net.URI;
import java.util.stream.Collectors;

/** Kills a task as a crash would: SIGKILL to its container processes, through the server's signal endpoint. */
final class SignalKiller implements TaskKiller {
    private final TaskSignalClient client;

    SignalKiller(URI endpoint) {
        this.client = new TaskSignalClient(endpoint);
    }

    @Override
    public String kill(String cluster, String taskArn) {
        TaskSignalClient.Signalled s = client.signal(taskArn, TaskSignal.KILL);
        return "SIG" + s.signal() + " to " + s.containers().stream().map(c -> c.name() + " (pid " + c.pid() + ")")
                .collect(Collectors.joining(", "));
    }
}
