/**
 * The agent's side of the data plane: turns {@link dev.mooring.connect.plan.TaskPlan}s into the proxy module's
 * {@link dev.mooring.proxy.ProxyConfig} and keeps one {@link dev.mooring.proxy.Proxy} per Service Connect task fed
 * with host sets from the endpoint snapshots, as the ECS agent and the Service Connect management endpoint feed
 * Envoy over xDS.
 */
package dev.mooring.connect.dataplane;
