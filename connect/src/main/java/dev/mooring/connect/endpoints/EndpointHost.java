package dev.mooring.connect.endpoints;

/** One task behind a discovery name: client proxies connect to {@code address:port}, its ingress port. */
public record EndpointHost(String taskId, String address, int port, String serviceArn) {}
