package dev.mooring.reconcile;

import dev.mooring.store.Table;
import java.util.List;

/**
 * One control loop run by the {@link ReconcileEngine}. The engine calls it on its one thread, in list order, so a
 * controller earlier in the list has already acted on a change when the next one sees it.
 */
public interface Controller {
    /** For logs: which controller failed. */
    String name();

    /** The store tables whose row changes this controller acts on; they arrive as {@link Key}s in its changes. */
    List<Table<?>> watches();

    /**
     * Drives what the changes touch toward desired state, and writes the result in store writes that re-check what
     * they read. On {@link Changes#resync()} it looks at everything it owns.
     */
    void reconcile(Changes changes);
}
