package dev.mooring.api;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Picks the handler for a request by its {@link RequestShape}, first match wins; a request no route takes gets
 * {@code fallback}. Each route is a protocol already wrapped in its own decorators (its error mapping among them).
 */
public final class HttpRouter implements HttpHandler {
    private record Route(Predicate<ApiRequest> shape, HttpHandler handler) {}

    private final List<Route> routes;
    private final HttpHandler fallback;

    private HttpRouter(List<Route> routes, HttpHandler fallback) {
        this.routes = List.copyOf(routes);
        this.fallback = fallback;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public ApiResponse handle(ApiRequest request) {
        for (Route route : routes) {
            if (route.shape().test(request)) {
                return route.handler().handle(request);
            }
        }
        return fallback.handle(request);
    }

    public static final class Builder {
        private final List<Route> routes = new ArrayList<>();
        private HttpHandler fallback = r -> new ApiResponse(404, "text/plain", java.util.Map.of(),
                ("Nothing is served at " + r.method() + " " + r.path() + ".\n").getBytes(StandardCharsets.UTF_8));

        public Builder route(Predicate<ApiRequest> shape, HttpHandler handler) {
            routes.add(new Route(shape, handler));
            return this;
        }

        /** What answers a request of no known shape; it should map its own errors. */
        public Builder fallback(HttpHandler handler) {
            this.fallback = handler;
            return this;
        }

        public HttpRouter build() {
            return new HttpRouter(routes, fallback);
        }
    }
}
