package dev.mooring.cli;

import dev.mooring.runtime.logs.LogStream;
import dev.mooring.runtime.logs.LogStreams;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code mooring logs}: a task's container output, read from the log streams under the state directory (named as
 * awslogs names them), so it works whether or not the server is still running.
 */
@Command(name = "logs", mixinStandardHelpOptions = true, description = "Print (or follow) a task's container logs.")
final class LogsCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "TASK", description = "Task id or task ARN.")
    String task;

    @Option(names = "--container", description = "Only this container.")
    String container;

    @Option(names = {"-f", "--follow"}, description = "Keep printing new lines until interrupted.")
    boolean follow;

    @Option(names = "--state-dir", defaultValue = "${sys:user.home}/.mooring",
            description = "The server's state directory (default: ${DEFAULT-VALUE}).")
    Path stateDir;

    @Override
    public Integer call() throws Exception {
        String taskId = task.substring(task.lastIndexOf('/') + 1);
        LogStreams logs = new LogStreams(stateDir);
        List<LogStream> streams = container == null ? logs.find(taskId)
                : logs.find(taskId, container).map(List::of).orElse(List.of());
        if (streams.isEmpty()) {
            System.err.println("mooring: no logs for task " + taskId + (container == null ? "" : " container "
                    + container) + " under " + stateDir);
            return 1;
        }
        if (follow && streams.size() > 1) {
            System.err.println("mooring: task " + taskId + " has " + streams.size()
                    + " containers; --follow takes one, name it with --container");
            return 2;
        }
        boolean prefix = streams.size() > 1;
        for (LogStream stream : streams) {
            String label = prefix ? stream.container() + " | " : "";
            if (follow) {
                logs.follow(stream, line -> System.out.println(label + line), () -> true);
            } else {
                logs.read(stream, line -> System.out.println(label + line));
            }
        }
        return 0;
    }
}
