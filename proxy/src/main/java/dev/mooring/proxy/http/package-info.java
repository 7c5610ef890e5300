/**
 * L7 filters (Envoy's HTTP connection manager and router): HTTP/1.1 and HTTP/2 (prior knowledge, gRPC) requests
 * routed to a cluster with retries, per-request timeouts and local replies. HTTP/2 streams are seen as HTTP objects,
 * so one router serves both. Internal to the proxy.
 */
package dev.mooring.proxy.http;
