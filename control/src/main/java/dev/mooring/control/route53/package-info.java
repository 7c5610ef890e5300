/**
 * Route 53-style private hosted zones held in the control plane: zones and their A record sets (plain values, or
 * aliases to another DNS name such as a Mooring load balancer's), which Mooring's DNS server answers for. There is no
 * Route 53 API yet; {@link dev.mooring.control.route53.HostedZones} is the Java API other components use. Members
 * are named as Route 53's ResourceRecordSet names them.
 */
package dev.mooring.control.route53;
