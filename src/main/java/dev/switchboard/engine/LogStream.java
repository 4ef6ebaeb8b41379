package dev.switchboard.engine;

/** Which output of a process a log line came from. */
public enum LogStream {
    STDOUT, STDERR;

    /** The spelling used in JSON. */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
