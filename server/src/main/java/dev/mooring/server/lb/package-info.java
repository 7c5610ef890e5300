/**
 * Where ECS meets Elastic Load Balancing, in the composition root because neither domain knows the other: ECS services'
 * tasks registered in and drained out of the target groups their {@code loadBalancers} name.
 */
package dev.mooring.server.lb;
