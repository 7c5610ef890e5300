package dev.mooring.api.decorator;

import dev.mooring.api.ApiRequest;
import dev.mooring.api.ApiResponse;
import dev.mooring.api.Decorator;
import dev.mooring.core.operation.ServiceException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns every outcome into an answer in one protocol's error shape: a {@link ServiceException} as it says, anything
 * else (a bug) as a server fault whose message points at the log. Nothing thrown reaches the client as a stack trace.
 */
public final class ErrorMapping {
    private static final Logger log = LoggerFactory.getLogger(ErrorMapping.class);

    /** A protocol's error shape. */
    @FunctionalInterface
    public interface ErrorShape {
        ApiResponse render(ApiRequest request, ServiceException error);
    }

    private ErrorMapping() {}

    public static Decorator to(ErrorShape shape) {
        return next -> request -> {
            try {
                return next.handle(request);
            } catch (ServiceException e) {
                return shape.render(request, e);
            } catch (RuntimeException | Error e) {
                log.error("request {} ({} {}) failed", request.requestId(), request.method(), request.path(), e);
                return shape.render(request, ServiceException.internal("Mooring hit an internal error (request "
                        + request.requestId() + "); the server log has the details."));
            }
        };
    }
}
