/**
 * Task networking, as Fargate's awsvpc mode gives it: one Linux bridge with the gateway address of the task CIDR,
 * and per task a network namespace with its own address, hostname, {@code /etc/hosts} and {@code /etc/resolv.conf}.
 * The bridge has no uplink, no NAT and no route off the machine, so task traffic stays on this host. Everything made
 * here is named recognisably ({@code mooring-<12 hex>} namespaces, {@code mv<10 hex>} veths) and recorded in a state
 * file, so the next start can remove what a killed server left behind.
 */
package dev.mooring.runtime.net;
