package dev.mooring.reconcile;

import dev.mooring.store.Store;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that runs the controllers. Wake-ups coalesce: however many changes arrive during a pass, the next
 * pass runs once and hands every controller all of them. A store commit only signals; the engine then finds which
 * rows of the watched tables changed, so a write that changed nothing (a controller's own no-op included) wakes
 * nobody. The tick resyncs every controller, the safety net for anything time-driven or missed.
 */
public final class ReconcileEngine implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ReconcileEngine.class);

    private final Store store;
    private final List<Controller> controllers;
    private final TableChanges watched;
    private final Duration tick;
    private final Object signal = new Object();
    private final Set<Key> pending = ConcurrentHashMap.newKeySet();
    private boolean woken;
    private long storeGeneration = -1;
    private volatile boolean closed;
    private Thread thread;

    /** @param controllers run in this order in every pass; the tables they watch are watched once each */
    public ReconcileEngine(Store store, List<Controller> controllers, Duration tick) {
        this.store = store;
        this.controllers = List.copyOf(controllers);
        this.watched = new TableChanges(controllers.stream().flatMap(c -> c.watches().stream()).toList());
        this.tick = tick;
        store.onChange(this::wake);
    }

    public synchronized void start() {
        if (thread == null) {
            thread = Thread.ofPlatform().daemon().name("mooring-reconcile").start(this::run);
        }
    }

    /** Something outside the watched tables changed for this key (a runtime observation); cheap, any thread. */
    public void changed(Key key) {
        pending.add(key);
        wake();
    }

    private void wake() {
        synchronized (signal) {
            woken = true;
            signal.notifyAll();
        }
    }

    private void run() {
        long nextResync = System.nanoTime();
        while (!closed) {
            try {
                boolean resync;
                synchronized (signal) {
                    long wait = nextResync - System.nanoTime();
                    if (!woken && wait > 0) {
                        signal.wait(Math.max(1, wait / 1_000_000));
                    }
                    woken = false;
                }
                resync = System.nanoTime() - nextResync >= 0;
                if (resync) {
                    nextResync = System.nanoTime() + tick.toNanos();
                }
                Changes changes = collect(resync);
                if (!closed && !changes.isEmpty()) {
                    pass(changes);
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** The keys that arrived, and the watched rows that changed since the last look. */
    Changes collect(boolean resync) {
        Changes changes = new Changes(resync);
        for (Key k : pending) {
            pending.remove(k);
            changes.add(k, null);
        }
        long generation = store.generation();
        if (generation != storeGeneration) {
            storeGeneration = generation;
            watched.addTo(changes);
        }
        return changes;
    }

    /** One pass: every controller in order; one that fails is logged and retried by the next resync at the latest. */
    void pass(Changes changes) {
        for (Controller c : controllers) {
            try {
                c.reconcile(changes);
            } catch (RuntimeException e) {
                // the engine must outlive a bug in one controller, and the others must keep running
                log.error("controller {} failed on {}", c.name(), changes, e);
            }
        }
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
