package dev.switchboard.cli;

/** A mistake or failure the user can act on: printed as one line, with an exit code. */
public final class UserException extends RuntimeException {
    private final int exitCode;

    /** Creates it with the message to print and the exit code to return. */
    public UserException(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    /** The exit code to return. */
    public int exitCode() {
        return exitCode;
    }
}
