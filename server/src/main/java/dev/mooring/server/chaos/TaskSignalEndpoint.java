package dev.mooring.server.chaos;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.mooring.api.ApiRequest;
import dev.mooring.api.ApiResponse;
import dev.mooring.api.HttpHandler;
import dev.mooring.core.json.Json;
import dev.mooring.core.operation.ErrorKind;
import dev.mooring.core.operation.ServiceException;
import dev.mooring.runtime.ProcessRuntime;
import dev.mooring.runtime.SignalledContainer;
import dev.mooring.task.TaskRuntime;
import dev.mooring.task.TaskSignal;
import java.time.Instant;
import java.util.List;

/**
 * {@code POST /_mooring/signal?task=ID|ARN&signal=KILL|TERM}: the runtime signals the container processes of one of
 * its tasks, as if they had crashed (KILL) or been told to stop by someone else (TERM). Only tasks the runtime itself
 * started can be named, and only their sandboxed processes are reached. The answer names the containers and PIDs.
 */
public final class TaskSignalEndpoint implements HttpHandler {
    public static final String PATH = "POST /_mooring/signal";

    /** What the endpoint answers: the task, the signal, when, and each container process it reached. */
    public record SignalReport(String taskId, TaskSignal signal, String at, List<SignalledContainer> containers) {}

    private final TaskRuntime runtime;

    public TaskSignalEndpoint(TaskRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public ApiResponse handle(ApiRequest request) {
        String task = param(request, "task");
        TaskSignal signal;
        try {
            signal = TaskSignal.parse(request.query().containsKey("signal") ? param(request, "signal") : "KILL");
        } catch (IllegalArgumentException e) {
            throw new ServiceException("InvalidParameterException", ErrorKind.BAD_REQUEST, e.getMessage() + ".");
        }
        if (!(runtime instanceof ProcessRuntime processes)) {
            throw new ServiceException("UnsupportedOperation", ErrorKind.BAD_REQUEST, "The " + runtime.name()
                    + " runtime runs no processes to signal.");
        }
        // a task ARN ends with its id, as `mooring logs` accepts either
        String taskId = task.substring(task.lastIndexOf('/') + 1);
        List<SignalledContainer> reached;
        try {
            reached = processes.signal(taskId, signal).orElseThrow(() -> new ServiceException("NotFound",
                    ErrorKind.NOT_FOUND, "No task " + taskId + " runs on this server."));
        } catch (IllegalStateException e) {
            throw new ServiceException("TaskNotRunning", ErrorKind.CONFLICT, e.getMessage() + ".");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceException("Interrupted", ErrorKind.INTERNAL, "The server is shutting down.");
        }
        try {
            return ApiResponse.json(200, Json.store().writeValueAsString(new SignalReport(taskId, signal,
                    Instant.now().toString(), reached)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String param(ApiRequest request, String name) {
        List<String> values = request.query().get(name);
        if (values == null || values.size() != 1 || values.getFirst().isBlank()) {
            throw new ServiceException("InvalidParameterException", ErrorKind.BAD_REQUEST,
                    "Give exactly one '" + name + "' query parameter.");
        }
        return values.getFirst();
    }
}
