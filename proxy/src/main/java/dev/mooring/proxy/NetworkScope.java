package dev.mooring.proxy;

import java.util.concurrent.Executor;

/** Where sockets are created: the host, or inside a task's network namespace. */
@FunctionalInterface
public interface NetworkScope {
    /**
     * Runs tasks on thread(s) whose network namespace is this scope's: a Netty channel constructed there (bind() or
     * connect() called there) lives in that namespace. Must not block the caller.
     */
    Executor executor();

    /** How error messages name this scope ("host", "task 1234abcd's network namespace"). */
    default String description() {
        return "the host network namespace";
    }

    NetworkScope HOST = () -> Runnable::run;
}
