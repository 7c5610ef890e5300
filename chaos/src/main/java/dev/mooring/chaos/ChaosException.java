package dev.mooring.chaos;

/** The server could not be reached or refused a call; the message says which and why. */
public final class ChaosException extends RuntimeException {
    /** The HTTP status the server answered, or 0 when it did not answer. */
    private final int status;

    public ChaosException(String message, int status) {
        super(message);
        this.status = status;
    }

    public ChaosException(String message, Throwable cause) {
        super(message, cause);
        this.status = 0;
    }

    public int status() {
        return status;
    }
}
