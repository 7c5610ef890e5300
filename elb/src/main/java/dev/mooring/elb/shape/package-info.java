/**
 * The ELBv2 shapes as the API names them (members written UpperCamel by the protocol's mapper, with explicit names
 * where AWS's casing differs, e.g. {@code DNSName}): load balancers, target groups, listeners, rules, actions,
 * conditions, targets and their health. They are both what the store keeps and what the API answers.
 */
package dev.mooring.elb.shape;
