/**
 * {@code mooring chaos}: at each interval, one RUNNING task of an ECS service, found through the public ECS API
 * ({@link dev.mooring.chaos.EcsTasks}), has its container processes signalled by the server that runs them
 * ({@link dev.mooring.chaos.TaskSignalClient}); {@link dev.mooring.chaos.ChaosRun} is the bounded loop, reusable by
 * other commands (the demo).
 */
package dev.mooring.chaos;
