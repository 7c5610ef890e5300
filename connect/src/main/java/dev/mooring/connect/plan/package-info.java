/**
 * What one Service Connect task gets when it starts (spec §4.3): a virtual IP per client alias name from
 * 127.255.0.0/16 ({@link dev.mooring.connect.plan.VipPool}), the {@code /etc/hosts} lines that point the names at
 * them, an egress listener per (dnsName, port) of the namespace, an ingress listener per Service Connect service of
 * the task, and the traffic policy of each target. {@link dev.mooring.connect.plan.TaskPlanner} is a pure function
 * of its inputs; {@link dev.mooring.connect.plan.NamespaceCatalogs} reads those inputs from control-plane state.
 */
package dev.mooring.connect.plan;
