package dev.mooring.api.decorator;

import dev.mooring.api.Decorator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One debug line per request: what was asked, how it ended, how long it took. */
public final class AccessLog {
    private static final Logger log = LoggerFactory.getLogger("dev.mooring.api.access");

    private AccessLog() {}

    public static Decorator decorator() {
        return next -> request -> {
            long start = System.nanoTime();
            var response = next.handle(request);
            if (log.isDebugEnabled()) {
                String target = request.header("X-Amz-Target");
                log.debug("{} {}{} -> {} in {} µs (request {})", request.method(), request.path(),
                        target == null ? "" : " " + target, response.status(), (System.nanoTime() - start) / 1000,
                        request.requestId());
            }
            return response;
        };
    }
}
