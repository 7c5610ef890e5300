package dev.mooring.proxy;

/** A configuration the data plane cannot honour, with a message fit for a task's stopped reason. */
public final class ProxyException extends RuntimeException {
    public ProxyException(String message, Throwable cause) {
        super(message, cause);
    }
}
