package dev.mooring.server;

/** Why a server could not start, as one line a user can act on (another server in the way, a bad option). */
public final class StartupException extends RuntimeException {
    public StartupException(String message) {
        super(message);
    }

    public StartupException(String message, Throwable cause) {
        super(message, cause);
    }
}
