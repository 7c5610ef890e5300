package dev.mooring.control.scheduler;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that runs the reconcilers. Wake-ups coalesce: however many changes arrive during a pass, the next
 * pass runs once and sees all of them.
 */
public final class ControlLoop implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ControlLoop.class);

    private final TaskReconciler tasks;
    private final ServiceScheduler services;
    private final Duration tick;
    private final Object signal = new Object();
    private boolean dirty = true;
    private volatile boolean closed;
    private Thread thread;

    public ControlLoop(TaskReconciler tasks, ServiceScheduler services, Duration tick) {
        this.tasks = tasks;
        this.services = services;
        this.tick = tick;
    }

    public synchronized void start() {
        if (thread == null) {
            thread = Thread.ofPlatform().daemon().name("mooring-control-loop").start(this::run);
        }
    }

    /** Asks for a pass soon; cheap enough to call from any listener on any thread. */
    public void wake() {
        synchronized (signal) {
            dirty = true;
            signal.notifyAll();
        }
    }

    private void run() {
        while (!closed) {
            try {
                synchronized (signal) {
                    if (!dirty) {
                        signal.wait(tick.toMillis());
                    }
                    dirty = false;
                }
                if (!closed) {
                    pass();
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // a failed pass is retried on the next tick; the loop itself must outlive any bug in one pass
                log.error("control loop pass failed", e);
                pauseAfterFailure();
            }
        }
    }

    private void pauseAfterFailure() {
        synchronized (signal) {
            try {
                signal.wait(tick.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** One reconcile pass: tasks first, so the scheduler counts what the runtime just reported. */
    void pass() {
        tasks.reconcile();
        services.reconcile();
    }

    @Override
    public void close() {
        closed = true;
        Thread t;
        synchronized (this) {
            t = thread;
        }
        if (t != null) {
            t.interrupt();
            try {
                t.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
