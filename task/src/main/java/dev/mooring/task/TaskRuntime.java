package dev.mooring.task;

import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Runs tasks. Calls return at once; progress shows up in {@link #observe}. Every call is idempotent, because the
 * task reconciler is level-triggered and repeats itself until observation matches desire.
 */
public interface TaskRuntime extends AutoCloseable {
    /** "simulated" or "process": shown by status and health endpoints. */
    String name();

    /** Starts the task if this runtime has not seen its id before. */
    void launch(TaskLaunch launch);

    /**
     * Begins stopping a task: SIGTERM to every container, SIGKILL after its stopTimeout. {@code reason} becomes the
     * stoppedReason unless the task already stopped on its own.
     */
    void stop(String taskId, String reason);

    /** What the runtime sees of a task, or empty if it never launched it (or has released it). */
    Optional<TaskObservation> observe(String taskId);

    /**
     * The ids of every task this runtime holds (launched and not yet released), stopped ones included, so that the
     * control plane can find tasks it has no record of.
     */
    Set<String> taskIds();

    /** Forgets a STOPPED task and frees what it held (addresses, namespaces, directories). Logs are kept. */
    void release(String taskId);

    /**
     * Called, on any thread, with a task's id whenever its observation changes, so reconcilers can wake for that
     * task instead of polling.
     */
    void onChange(Consumer<String> listener);

    /** Stops every task and removes everything the runtime made. */
    @Override
    void close();
}
