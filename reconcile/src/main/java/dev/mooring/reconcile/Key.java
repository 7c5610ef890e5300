package dev.mooring.reconcile;

import dev.mooring.store.Table;

/**
 * Something that changed: a store row ({@code kind} is its table's kind, {@code id} its key) or a task whose runtime
 * observation changed ({@link #RUNTIME_TASK}, keyed by task id).
 */
public record Key(String kind, String id) {
    /** The kind of keys the runtime's change events make. */
    public static final String RUNTIME_TASK = "runtime.task";

    public static Key row(Table<?> table, String id) {
        return new Key(table.kind(), id);
    }

    public static Key runtimeTask(String taskId) {
        return new Key(RUNTIME_TASK, taskId);
    }
}
