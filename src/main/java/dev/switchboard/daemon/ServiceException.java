package dev.switchboard.daemon;

/** The supervisor service refused or failed a request; the message is the service's one-line explanation. */
public final class ServiceException extends RuntimeException {
    private final ErrorCode code;

    /** Creates it from the reply's {@code error} and {@code code}. */
    public ServiceException(String message, ErrorCode code) {
        super(message);
        this.code = code;
    }

    /** Why it was refused. */
    public ErrorCode code() {
        return code;
    }
}
