package dev.mooring.proxy;

import java.time.Duration;
import java.util.Objects;

/**
 * One upstream cluster: its protocol, how it balances, retries and ejects, and where its sockets are created.
 * {@code upstreamFailureStatus} answers a request whose last attempt found the host refusing, resetting or closing
 * early; {@code connectTimeoutStatus} one whose last attempt could not connect within {@code connectTimeout} (Envoy
 * answers 503 to both; an ALB 502 and 504). 0 means the default: 503, and the failure status, respectively.
 */
public record ClusterConfig(String name, Protocol protocol, LoadBalancerPolicy loadBalancer, RetryPolicy retry,
                            OutlierDetection outlierDetection, Duration connectTimeout, NetworkScope upstreamScope,
                            int upstreamFailureStatus, int connectTimeoutStatus) {
    /**
     * What a request gets when its last attempt found the host refusing, resetting or closing before the response:
     * Envoy's (and Service Connect's) 503; an ALB answers 502.
     */
    public static final int ENVOY_FAILURE_STATUS = 503;

    /** Envoy's default connect timeout; AWS does not document Service Connect's. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);

    public ClusterConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(protocol, "protocol");
        loadBalancer = loadBalancer == null ? LoadBalancerPolicy.ROUND_ROBIN : loadBalancer;
        retry = retry == null ? RetryPolicy.AWS_DEFAULT : retry;
        outlierDetection = outlierDetection == null ? OutlierDetection.AWS_DEFAULT : outlierDetection;
        connectTimeout = connectTimeout == null ? DEFAULT_CONNECT_TIMEOUT : connectTimeout;
        upstreamScope = upstreamScope == null ? NetworkScope.HOST : upstreamScope;
        upstreamFailureStatus = upstreamFailureStatus == 0 ? ENVOY_FAILURE_STATUS : upstreamFailureStatus;
        connectTimeoutStatus = connectTimeoutStatus == 0 ? upstreamFailureStatus : connectTimeoutStatus;
        requireServerError("upstreamFailureStatus", upstreamFailureStatus);
        requireServerError("connectTimeoutStatus", connectTimeoutStatus);
    }

    /** With Envoy's failure status. */
    public ClusterConfig(String name, Protocol protocol, LoadBalancerPolicy loadBalancer, RetryPolicy retry,
                         OutlierDetection outlierDetection, Duration connectTimeout, NetworkScope upstreamScope) {
        this(name, protocol, loadBalancer, retry, outlierDetection, connectTimeout, upstreamScope,
                ENVOY_FAILURE_STATUS, ENVOY_FAILURE_STATUS);
    }

    /** AWS's defaults for everything but the name and protocol, sockets on the host. */
    public static ClusterConfig of(String name, Protocol protocol) {
        return new ClusterConfig(name, protocol, null, null, null, null, null);
    }

    public ClusterConfig withRetry(RetryPolicy policy) {
        return new ClusterConfig(name, protocol, loadBalancer, policy, outlierDetection, connectTimeout, upstreamScope,
                upstreamFailureStatus, connectTimeoutStatus);
    }

    public ClusterConfig withOutlierDetection(OutlierDetection od) {
        return new ClusterConfig(name, protocol, loadBalancer, retry, od, connectTimeout, upstreamScope,
                upstreamFailureStatus, connectTimeoutStatus);
    }

    public ClusterConfig withLoadBalancer(LoadBalancerPolicy lb) {
        return new ClusterConfig(name, protocol, lb, retry, outlierDetection, connectTimeout, upstreamScope,
                upstreamFailureStatus, connectTimeoutStatus);
    }

    public ClusterConfig withUpstreamScope(NetworkScope scope) {
        return new ClusterConfig(name, protocol, loadBalancer, retry, outlierDetection, connectTimeout, scope,
                upstreamFailureStatus, connectTimeoutStatus);
    }

    /** {@code reset}: for a refused, reset or closed-early host; {@code timedOut}: for a connect timeout. */
    public ClusterConfig withFailureStatuses(int reset, int timedOut) {
        return new ClusterConfig(name, protocol, loadBalancer, retry, outlierDetection, connectTimeout, upstreamScope,
                reset, timedOut);
    }

    public ClusterConfig withConnectTimeout(Duration timeout) {
        return new ClusterConfig(name, protocol, loadBalancer, retry, outlierDetection, timeout, upstreamScope,
                upstreamFailureStatus, connectTimeoutStatus);
    }

    private static void requireServerError(String what, int status) {
        if (status < 500 || status > 599) {
            throw new IllegalArgumentException(what + " must be a 5xx, got " + status);
        }
    }
}
