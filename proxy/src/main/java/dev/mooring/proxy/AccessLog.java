package dev.mooring.proxy;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * Where and how a listener writes access logs (spec §5.2): one line per HTTP request or TCP session, query string
 * stripped unless {@code includeQueryParameters}. The sink runs on an event loop: it must not block.
 */
public record AccessLog(Format format, boolean includeQueryParameters, Consumer<String> sink) {
    public enum Format { TEXT, JSON }

    public AccessLog {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(sink, "sink");
    }
}
