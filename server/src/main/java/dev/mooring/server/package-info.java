/**
 * The composition root: {@link dev.mooring.server.MooringServer} assembles store, runtime, control plane, DNS and
 * API, and registers the controllers the reconcile engine runs. Beside it live the bridges from control-plane state
 * to data-plane snapshots, one package each, so no data-plane module depends on the control plane:
 * <ul>
 *   <li>{@code dns}: Cloud Map DNS namespaces and hosted zones to the DNS server's zone snapshot;</li>
 *   <li>next, {@code proxy}: Service Connect endpoints to the proxy's host-set snapshots (a controller that reads
 *       Cloud Map and tasks, publishing per namespace);</li>
 *   <li>next, {@code loadbalancer}: target registration and the load balancers' target-set snapshots.</li>
 * </ul>
 */
package dev.mooring.server;
