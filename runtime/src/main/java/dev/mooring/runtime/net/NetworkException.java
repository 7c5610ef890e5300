package dev.mooring.runtime.net;

/** Task networking could not be set up or torn down; the message says what failed and, where it can, what to do. */
public final class NetworkException extends RuntimeException {
    public NetworkException(String message) {
        super(message);
    }

    public NetworkException(String message, Throwable cause) {
        super(message, cause);
    }
}
