/**
 * The HTTP load generator behind {@code mooring traffic}: hey's command line and report, on Netty keep-alive
 * connections (one per worker), with latencies in HdrHistogram and, at a constant rate, measured from each request's
 * intended send time so that coordinated omission does not hide stalls. It only sends to loopback and Mooring's own
 * task network, and every run is bounded by a request count or a duration.
 */
package dev.mooring.loadgen;
