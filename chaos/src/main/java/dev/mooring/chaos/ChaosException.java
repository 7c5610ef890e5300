package dev.mooring.chaos;

/** The server could not be reached or refused a call; the message says which and why. */
public final class ChaosException extends RuntimeException {
    public ChaosException(String message) {
        super(message);
    }

    public ChaosException(String message, Throwable cause) {
        super(message, cause);
    }
}
