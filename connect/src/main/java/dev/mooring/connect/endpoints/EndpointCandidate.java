package dev.mooring.connect.endpoints;

/** A task that may serve a discovery name, and whether it may receive traffic right now. */
public record EndpointCandidate(HostSetKey key, EndpointHost host, boolean routable) {}
