/**
 * The task seam: what a task is, apart from how it runs. The control plane hands a {@link TaskRuntime} a
 * {@link TaskLaunch} and reads back {@link TaskObservation}s; lifecycle and health are enums here, and
 * {@link Routability} is the one decision on whether a task may receive traffic. The control plane, the runtimes
 * and the data plane (DNS today; the Service Connect proxy and load balancers next) all depend on this module,
 * and it depends on nothing of Mooring's.
 */
package dev.mooring.task;
