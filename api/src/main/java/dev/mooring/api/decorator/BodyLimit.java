package dev.mooring.api.decorator;

import dev.mooring.api.Decorator;
import dev.mooring.core.operation.ErrorKind;
import dev.mooring.core.operation.ServiceException;

/**
 * Refuses a body over {@code maxBytes}, including one the server dropped as too large while it arrived. Sits inside
 * the route's error mapping, so the refusal has the protocol's error shape.
 */
public final class BodyLimit {
    private BodyLimit() {}

    public static Decorator of(int maxBytes) {
        return next -> request -> {
            if (request.oversized() || request.body().length > maxBytes) {
                throw new ServiceException("RequestEntityTooLargeException", ErrorKind.PAYLOAD_TOO_LARGE,
                        "Request body is larger than " + maxBytes + " bytes.");
            }
            return next.handle(request);
        };
    }
}
