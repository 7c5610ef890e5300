package dev.mooring.loadgen;

/**
 * One second of a run, as the progress line and the JSON time series show it.
 *
 * @param second seconds since the start (the first second is 1)
 * @param requests requests finished in that second, answered or failed
 * @param errors requests that got no HTTP response
 * @param status5xx responses with a 5xx status
 * @param p50Millis median latency of that second's responses (0 when none)
 * @param p99Millis 99th percentile of that second's responses (0 when none)
 */
public record SecondStats(long second, long requests, long errors, long status5xx, double p50Millis,
        double p99Millis) {}
