/**
 * Listeners and their filter chains: what each accepted connection's Netty pipeline is made of, per protocol, and
 * the per-listener context the filters share (cluster, observer, access log, drain state). Internal to the proxy.
 */
package dev.mooring.proxy.listener;
