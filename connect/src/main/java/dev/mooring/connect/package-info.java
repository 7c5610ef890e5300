/**
 * Mooring's Service Connect agent: the piece between the control plane and the proxy. It turns a deployment's
 * {@code serviceConnectConfiguration}, the namespace's endpoints and the tasks behind them into a per-task plan
 * ({@code /etc/hosts} aliases, virtual IPs, egress and ingress listeners, netfilter redirects) and into versioned
 * endpoint snapshots that are pushed to every proxy, the way the ECS agent and Envoy's xDS do it on AWS
 * (service-connect-spec §4.3–§4.5). Sub-packages: {@code plan} (what one task gets), {@code endpoints} (who is
 * behind each discovery name right now).
 */
package dev.mooring.connect;
