package dev.mooring.control.ecs;

import java.time.Instant;

/** A task's scale-in protection (Get/UpdateTaskProtection), stored under the task ARN. */
public record TaskProtection(String taskArn, Boolean protectionEnabled, Instant expirationDate) {}
