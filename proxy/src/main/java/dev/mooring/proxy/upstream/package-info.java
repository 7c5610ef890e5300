/**
 * The upstream side in Envoy's terms: clusters, their host sets (immutable, swapped atomically), load balancers,
 * the outlier detector and the per-event-loop connection pools. Internal to the proxy module.
 */
package dev.mooring.proxy.upstream;
