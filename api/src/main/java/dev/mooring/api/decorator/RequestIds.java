package dev.mooring.api.decorator;

import dev.mooring.api.Decorator;
import java.util.UUID;

/** Gives every request an id, and every answer the {@code x-amzn-RequestId} header AWS clients log and report. */
public final class RequestIds {
    public static final String HEADER = "x-amzn-RequestId";

    private RequestIds() {}

    public static Decorator decorator() {
        return next -> request -> {
            String id = UUID.randomUUID().toString();
            return next.handle(request.withRequestId(id)).withHeader(HEADER, id);
        };
    }
}
