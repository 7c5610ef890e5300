/** A runtime without processes, for API-only testing and control-plane scale tests. */
package dev.mooring.task.simulated;
