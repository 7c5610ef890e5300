/**
 * The reconcile engine: one thread that runs a list of {@link dev.mooring.reconcile.Controller}s, as
 * Kubernetes runs its controllers. Each pass hands every controller the {@link dev.mooring.reconcile.Changes}
 * since the last pass (store rows that changed, tasks whose runtime observation changed); a periodic resync hands
 * them everything, so a missed or time-driven change is still acted on. Controllers are level-triggered: they compare
 * desired and actual state and repeating a pass is always safe.
 */
package dev.mooring.reconcile;
