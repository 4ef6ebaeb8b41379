package dev.switchboard.engine;

/** A command named a stack or process that does not exist; the message lists the known names. */
public final class UnknownNameException extends RuntimeException {
    /** Creates it with a user-facing message. */
    public UnknownNameException(String message) {
        super(message);
    }
}
