package dev.mooring.control.route53;

import java.time.Instant;

/** A change Route 53 reports with GetChange; Mooring applies changes before it answers, so each is INSYNC. */
public record ChangeRecord(String id, Instant submittedAt, String comment) {}
