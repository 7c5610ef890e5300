package dev.mooring.elb.shape;


/** A fixed answer. */
public record FixedResponseActionConfig(String messageBody, String statusCode, String contentType) {}
