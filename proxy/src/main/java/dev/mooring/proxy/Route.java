package dev.mooring.proxy;

import java.util.Objects;

/**
 * One entry of an HTTP listener's route table (Envoy's route configuration, ALB's listener rules): a request that
 * {@code match}es gets {@code action}. A listener tries its routes in order and the first match wins.
 */
public record Route(RouteMatch match, RouteAction action) {
    public Route {
        Objects.requireNonNull(match, "match");
        Objects.requireNonNull(action, "action");
    }

    /** Every request to one cluster: a listener's whole table when it has no rules (Service Connect's listeners). */
    public static Route forwardAll(String cluster) {
        return new Route(RouteMatch.ANY, new RouteAction.Forward(cluster));
    }
}
