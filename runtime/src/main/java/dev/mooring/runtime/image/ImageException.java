package dev.mooring.runtime.image;

/** An image that cannot be run; the message becomes the container's stopped reason, so it says what to fix. */
public final class ImageException extends Exception {
    public ImageException(String message) {
        super(message);
    }

    public ImageException(String message, Throwable cause) {
        super(message, cause);
    }
}
