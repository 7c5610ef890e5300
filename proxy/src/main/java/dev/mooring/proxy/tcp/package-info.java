/** L4 proxying (Envoy's tcp_proxy filter): one upstream connection per downstream connection, bytes both ways. */
package dev.mooring.proxy.tcp;
