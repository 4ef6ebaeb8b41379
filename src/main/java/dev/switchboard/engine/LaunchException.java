package dev.switchboard.engine;

/** A process could not be spawned; the message says why in words a user can act on. */
public final class LaunchException extends Exception {
    /** Creates the exception with a user-facing message. */
    public LaunchException(String message, Throwable cause) {
        super(message, cause);
    }
}
