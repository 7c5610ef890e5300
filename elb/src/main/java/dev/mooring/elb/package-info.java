/**
 * Elastic Load Balancing v2 as Mooring serves it: application load balancers, target groups, listeners and rules,
 * targets and their health, with ELBv2's ARNs, names, defaults and error codes, durable in the store and regional.
 * {@link dev.mooring.elb.Elb} assembles it; the {@code api} module serves its operations over awsQuery.
 */
package dev.mooring.elb;
