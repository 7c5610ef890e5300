/**
 * Mooring's DNS server: answers A and SRV queries for Cloud Map DNS namespaces and Route 53-style private hosted
 * zones from an immutable {@link dev.mooring.dns.ZoneSnapshot} that the control plane publishes, and forwards every
 * other name to an upstream resolver when one is configured. The data plane never calls into the control plane on a
 * query: it reads whatever snapshot is current.
 */
package dev.mooring.dns;
