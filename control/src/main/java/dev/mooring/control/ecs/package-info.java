/**
 * Amazon ECS (service-connect-spec §3.1): clusters, task definitions, services with their deployments, and tasks.
 * Records here are wire shapes (the ECS mapper writes their components in lowerCamel); the {@code Stored*} records
 * wrap a wire shape with what Mooring keeps beside it. Operations validate everything before their single store
 * write, so a refused request changes nothing.
 */
package dev.mooring.control.ecs;
