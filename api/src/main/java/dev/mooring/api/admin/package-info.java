/** Mooring's own plain-HTTP endpoints under {@code /_mooring/} (health, status, reset), beside the AWS APIs. */
package dev.mooring.api.admin;
