package dev.mooring.connect.plan;

/**
 * One endpoint of a namespace: a (dnsName, port) that client tasks connect to, and the Service Connect service
 * (discovery name) behind it with the protocol, timeouts and traffic policy its server side chose (spec §4.1).
 */
public record NamespaceEndpoint(String dnsName, int port, String discoveryName, AppProtocol protocol,
                                Timeouts timeouts, TrafficPolicy policy, String serviceArn) {}
