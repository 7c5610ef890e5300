/**
 * The bridge from the Service Connect agent ({@code connect}) to the runtime and the proxy: it plans tasks at
 * launch through the control plane's hooks, sets up what lives in each task's network (netfilter redirects, a
 * namespace thread, the task's proxy) before its containers start, and drains it after they stop.
 */
package dev.mooring.server.connect;
