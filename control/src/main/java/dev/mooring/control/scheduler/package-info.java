/**
 * ECS's controllers, level-triggered like Kubernetes controllers: the task reconciler and the service scheduler.
 * Each pass compares what the store wants with what the runtime and the store show, for the keys that changed (or
 * everything on a resync), and writes only the difference. The {@link dev.mooring.reconcile.ReconcileEngine}
 * runs them.
 */
package dev.mooring.control.scheduler;
