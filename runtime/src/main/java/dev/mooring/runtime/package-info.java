/**
 * The process runtime: {@link dev.mooring.runtime.ProcessRuntime} runs every task as real processes in a network
 * namespace of its own, the way Fargate runs awsvpc tasks. One supervisor thread per task drives ECS's lifecycle;
 * the net, process, image and logs packages do the work.
 */
package dev.mooring.runtime;
