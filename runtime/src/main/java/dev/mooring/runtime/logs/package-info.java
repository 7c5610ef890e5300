/**
 * Container logs kept the way the awslogs driver names them: group {@code awslogs-group}, stream
 * {@code <awslogs-stream-prefix>/<container>/<task id>}, stored as {@code <stateDir>/logs/<group>/<stream>}, and
 * the {@link dev.mooring.runtime.logs.LogStreams} API that finds, reads and follows them for {@code mooring logs}.
 */
package dev.mooring.runtime.logs;
