package dev.mooring.elb.shape;


/** The HTTP codes a health check accepts: {@code 200}, {@code 200,202} or {@code 200-299}. */
public record Matcher(String httpCode, String grpcCode) {}
