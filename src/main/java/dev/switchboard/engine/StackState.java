package dev.switchboard.engine;

/** The overall state of a stack (CONTRACT section 5). */
public enum StackState {
    STOPPED, STARTING, READY, STOPPING, FAILED;

    /** The spelling used in JSON and on the command line. */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Parses {@link #id()}. */
    public static StackState of(String id) {
        return valueOf(id.toUpperCase(java.util.Locale.ROOT));
    }
}
