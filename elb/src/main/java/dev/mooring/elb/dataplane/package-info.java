/**
 * The load balancers' data plane on the {@code proxy} module: one proxy per active load balancer, its HTTP listeners
 * forwarding to target groups with ALB's policies, host sets from the health checks.
 */
package dev.mooring.elb.dataplane;
