/**
 * Failure injection on Mooring's own tasks: the admin endpoint that has the process runtime signal a task's container
 * processes, which {@code mooring chaos} (and the demo) call.
 */
package dev.mooring.server.chaos;
