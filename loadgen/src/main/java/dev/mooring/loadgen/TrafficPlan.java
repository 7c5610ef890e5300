package dev.mooring.loadgen;

import io.netty.handler.codec.http.HttpMethod;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One run, checked: where to (the resolved, allowed address), what to send, how many workers, and its bound: a
 * request count or a duration (a duration wins, as in hey). Hard caps keep any run bounded.
 *
 * @param requests total requests over all workers, or 0 when {@link #duration} bounds the run
 * @param ratePerWorker requests per second per worker, as hey's {@code -q}; 0 sends as fast as answers come back
 */
public record TrafficPlan(URI url, InetSocketAddress address, HttpMethod method, List<Map.Entry<String, String>> headers,
        byte[] body, int concurrency, long requests, Duration duration, double ratePerWorker, Duration timeout,
        boolean keepAlive) {
    public static final int MAX_CONCURRENCY = 1_000;
    public static final long MAX_REQUESTS = 10_000_000;
    public static final Duration MAX_DURATION = Duration.ofHours(1);
    public static final Duration MAX_TIMEOUT = Duration.ofMinutes(10);
    public static final double MAX_RATE_PER_WORKER = 100_000;

    public TrafficPlan {
        headers = List.copyOf(headers);
        body = body == null ? new byte[0] : body.clone();
        if (!"http".equals(url.getScheme())) {
            throw new IllegalArgumentException("only http:// URLs (Service Connect and the load balancers here "
                    + "speak plain HTTP): " + url);
        }
        if (concurrency < 1 || concurrency > MAX_CONCURRENCY) {
            throw new IllegalArgumentException("-c must be 1.." + MAX_CONCURRENCY + ": " + concurrency);
        }
        boolean timed = duration != null && !duration.isZero();
        if (!timed && (requests < 1 || requests > MAX_REQUESTS)) {
            throw new IllegalArgumentException("-n must be 1.." + MAX_REQUESTS + ": " + requests);
        }
        if (timed && (duration.isNegative() || duration.compareTo(MAX_DURATION) > 0)) {
            throw new IllegalArgumentException("-z must be more than 0 and at most " + MAX_DURATION.toMinutes()
                    + "m: " + duration);
        }
        if (timed) {
            requests = 0;
        } else {
            duration = Duration.ZERO;
        }
        if (ratePerWorker < 0 || ratePerWorker > MAX_RATE_PER_WORKER || Double.isNaN(ratePerWorker)) {
            throw new IllegalArgumentException("-q must be 0.." + (long) MAX_RATE_PER_WORKER + ": " + ratePerWorker);
        }
        if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(MAX_TIMEOUT) > 0) {
            throw new IllegalArgumentException("-t must be 1.." + MAX_TIMEOUT.toSeconds() + " seconds: " + timeout);
        }
    }

    /** The plan for {@code url} after resolving its host and checking it against {@code allowed}. */
    public static TrafficPlan of(URI url, AllowedTargets allowed, HttpMethod method,
            List<Map.Entry<String, String>> headers, byte[] body, int concurrency, long requests, Duration duration,
            double ratePerWorker, Duration timeout, boolean keepAlive) {
        if (url.getHost() == null) {
            throw new IllegalArgumentException("no host in " + url);
        }
        int port = url.getPort() == -1 ? 80 : url.getPort();
        InetSocketAddress address = new InetSocketAddress(allowed.check(url.getHost()), port);
        return new TrafficPlan(url, address, method, headers, body, concurrency, requests, duration, ratePerWorker,
                timeout, keepAlive);
    }

    /** Whether a request may go again after its connection died unanswered: Go's rule, which hey follows. */
    public boolean idempotent() {
        return body.length == 0 && (method.equals(HttpMethod.GET) || method.equals(HttpMethod.HEAD)
                || method.equals(HttpMethod.OPTIONS) || method.equals(HttpMethod.TRACE));
    }

    public boolean timed() {
        return !duration.isZero();
    }

    /** The request target: path and query, {@code /} when the URL has none. */
    public String pathAndQuery() {
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        return url.getRawQuery() == null ? path : path + "?" + url.getRawQuery();
    }

    /** The Host header: the URL's host and port (the port only when not 80), unless a -H header names another. */
    public String hostHeader() {
        String host = url.getHost().contains(":") && !url.getHost().startsWith("[") ? "[" + url.getHost() + "]"
                : url.getHost();
        return url.getPort() == -1 || url.getPort() == 80 ? host : host + ":" + url.getPort();
    }
}
