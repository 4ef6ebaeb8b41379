package dev.switchboard.daemon;

import java.io.IOException;

/** No supervisor service answers on the socket, or the connection to it was lost. */
public final class ServiceUnavailableException extends IOException {

    /** Creates it with a message a user can act on. */
    public ServiceUnavailableException(String message) {
        super(message);
    }

    /** Creates it with a message a user can act on and the underlying failure. */
    public ServiceUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
