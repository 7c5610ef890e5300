/**
 * The control plane: the ECS and Cloud Map resources, the operations that change them, and the reconcile loops
 * that drive tasks toward what services and users asked for. State lives in the store; tasks run in a
 * {@link dev.mooring.task.TaskRuntime}.
 */
package dev.mooring.control;
