/** Access logs in AWS Service Connect's TEXT (Envoy-style) and JSON formats (spec §5.2). Internal to the proxy. */
package dev.mooring.proxy.accesslog;
