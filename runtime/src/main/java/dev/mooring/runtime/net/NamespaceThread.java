package dev.mooring.runtime.net;

import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;

/**
 * One platform thread that entered a task's network namespace once (setns, machine-facts.md) and then runs what it
 * is given, in order: a socket created by any of those actions (a Service Connect listener, an upstream
 * connection) lives in the task's namespace. The thread never leaves the namespace and never serves anything else,
 * so no code runs in the wrong namespace by accident. Started with the task's proxy, closed with it.
 */
public final class NamespaceThread implements Executor, AutoCloseable {
    private static final Runnable STOP = () -> { };

    private final Path netnsPath;
    private final BlockingQueue<Runnable> work = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean closed;

    private NamespaceThread(Path netnsPath, String name, CompletableFuture<Void> entered) {
        this.netnsPath = netnsPath;
        this.thread = Thread.ofPlatform().daemon().name(name).start(() -> {
            try {
                Namespaces.enterNetwork(netnsPath);
            } catch (Throwable t) {
                entered.completeExceptionally(t);
                return;
            }
            entered.complete(null);
            loop();
        });
    }

    /**
     * Starts the thread and waits until it is inside the namespace at {@code netnsPath}.
     *
     * @throws NetworkException when the namespace cannot be entered (nothing then runs anywhere)
     */
    public static NamespaceThread start(Path netnsPath) {
        CompletableFuture<Void> entered = new CompletableFuture<>();
        NamespaceThread t = new NamespaceThread(netnsPath, "netns " + netnsPath.getFileName(), entered);
        try {
            entered.get();
            return t;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            t.close();
            throw new NetworkException("interrupted while entering " + netnsPath, e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof NetworkException n ? n
                    : new NetworkException("cannot enter " + netnsPath + ": " + e.getCause(), e.getCause());
        }
    }

    private void loop() {
        while (true) {
            Runnable next;
            try {
                next = work.take();
            } catch (InterruptedException e) {
                return;
            }
            if (next == STOP) {
                return;
            }
            try {
                next.run();
            } catch (RuntimeException e) {
                // an action's own failure is its caller's to report (they complete futures); the thread goes on
            }
        }
    }

    /** Runs {@code action} on the namespace's thread; never blocks the caller. */
    @Override
    public void execute(Runnable action) {
        if (closed) {
            throw new RejectedExecutionException("the thread of " + netnsPath + " is closed");
        }
        work.add(action);
    }

    public Path netnsPath() {
        return netnsPath;
    }

    /** Lets queued actions finish, then ends the thread. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            work.add(STOP);
        }
    }

    boolean isAlive() {
        return thread.isAlive();
    }
}
