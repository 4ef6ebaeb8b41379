package dev.switchboard.daemon;

import java.util.Locale;

/** Why the supervisor service refused or failed a request; sent as the reply's {@code code}. */
public enum ErrorCode {
    /** The request (or the stack file it names) is malformed: a mistake of the caller. */
    INVALID,
    /** The stack or process it names is not known to the service. */
    NOT_FOUND,
    /** The request was valid but the action failed. */
    FAILED;

    /** The spelling used on the wire. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@link #id()}; anything unknown reads as {@link #FAILED}. */
    public static ErrorCode of(String id) {
        for (ErrorCode code : values()) {
            if (code.id().equals(id)) {
                return code;
            }
        }
        return FAILED;
    }
}
