/**
 * The reconcile loops, level-triggered like Kubernetes controllers: each pass compares what the store wants with what
 * the runtime and the store show, and writes only the difference. One control-loop thread runs them, woken by store
 * and runtime changes and by a periodic tick, so a missed signal only delays convergence by one tick.
 */
package dev.mooring.control.scheduler;
