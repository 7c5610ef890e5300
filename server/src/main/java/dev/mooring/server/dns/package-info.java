/**
 * The bridge from control-plane state to the DNS server's snapshots: zone sources for Cloud Map DNS namespaces and
 * Route 53-style hosted zones, and the publisher that rebuilds the snapshot when the store changes. It lives in the
 * server module, the composition root, so neither {@code control} nor {@code dns} depends on the other.
 */
package dev.mooring.server.dns;
