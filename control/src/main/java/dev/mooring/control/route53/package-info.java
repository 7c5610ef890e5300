/**
 * Route 53 private hosted zones held in the control plane: zones and their record sets (A, AAAA, CNAME, SRV, TXT, and
 * aliases to another DNS name such as a Mooring load balancer's), which Mooring's DNS server answers for.
 * {@link dev.mooring.control.route53.HostedZones} applies change batches whole or not at all;
 * {@link dev.mooring.control.route53.Route53Api} offers Route 53's operations over it. Members are named as Route 53
 * names them.
 */
package dev.mooring.control.route53;
