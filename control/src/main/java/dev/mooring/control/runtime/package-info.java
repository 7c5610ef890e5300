/**
 * The seam between the control plane and whatever runs tasks. The task reconciler asks a {@link TaskRuntime} to
 * launch and stop tasks and reads back what it observes; it never waits on a runtime. The simulated runtime lives
 * here; the process runtime (network namespaces, real processes) is the runtime module.
 */
package dev.mooring.control.runtime;
