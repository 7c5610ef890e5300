package dev.mooring.api;

/**
 * Anything that answers a whole HTTP request: a protocol (awsJson1_1, the admin endpoints), the router that picks
 * one, or a {@link Decorator} around either. Runs on a virtual thread, so it may block.
 */
@FunctionalInterface
public interface HttpHandler {
    ApiResponse handle(ApiRequest request);

    /** This handler inside {@code decorator}: {@code h.decorate(a).decorate(b)} runs b, then a, then h. */
    default HttpHandler decorate(Decorator decorator) {
        return decorator.around(this);
    }
}
