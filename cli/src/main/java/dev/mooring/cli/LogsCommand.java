package dev.mooring.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mooring.runtime.logs.LogStream;
import dev.mooring.runtime.logs.LogStreams;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code mooring logs}: a task's container output, read from the log streams under the state directory (named as
 * awslogs names them), so it works whether or not the server is still running.
 */
@Command(name = "logs", mixinStandardHelpOptions = true, description = "Print (or follow) a task's container logs.")
final class LogsCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Parameters(index = "0", paramLabel = "TASK", description = "Task id or task ARN.")
    String task;

    @Option(names = "--container", description = "Only this container.")
    String container;

    @Option(names = {"-f", "--follow"}, description = "Keep printing new lines until interrupted.")
    boolean follow;

    @Option(names = "--state-dir", defaultValue = "${sys:user.home}/.mooring",
            description = "The server's state directory (default: ${DEFAULT-VALUE}).")
    Path stateDir;

    @Mixin
    ServerEndpoint server;

    @Override
    public Integer call() throws Exception {
        URI endpoint = server.uri();
        if (endpoint == null) {
            return 2;
        }
        String taskId = task.substring(task.lastIndexOf('/') + 1);
        LogStreams logs = new LogStreams(stateDir);
        List<LogStream> all = logs.find(taskId);
        if (all.isEmpty()) {
            System.err.println("mooring: no logs for task " + taskId + " under " + stateDir
                    + stopReason(endpoint, taskId).map(r -> "; " + r).orElse(""));
            return 1;
        }
        List<LogStream> streams = container == null ? all
                : all.stream().filter(s -> s.container().equals(container)).toList();
        if (streams.isEmpty()) {
            System.err.println("mooring: task " + taskId + " has no container '" + container + "'; its containers: "
                    + String.join(", ", all.stream().map(LogStream::container).sorted().toList()));
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

    /** Why the server says the task stopped (a task that never started has no logs), if a server knows it. */
    private static Optional<String> stopReason(URI endpoint, String taskId) {
        try {
            for (JsonNode cluster : ServerEndpoint.ecs(endpoint, "ListClusters", "{}").path("clusterArns")) {
                JsonNode tasks = ServerEndpoint.ecs(endpoint, "DescribeTasks", JSON.writeValueAsString(Map.of(
                        "cluster", cluster.asText(), "tasks", List.of(taskId)))).path("tasks");
                for (JsonNode t : tasks) {
                    StringBuilder why = new StringBuilder("it is " + t.path("lastStatus").asText());
                    if (t.hasNonNull("stoppedReason")) {
                        why.append(": ").append(t.path("stoppedReason").asText());
                    }
                    for (JsonNode c : t.path("containers")) {
                        if (c.hasNonNull("reason")) {
                            why.append(" (container ").append(c.path("name").asText()).append(": ")
                                    .append(c.path("reason").asText()).append(')');
                        }
                    }
                    return Optional.of(why.toString());
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}