package dev.switchboard.model;

/** What a dependency must reach before its dependent starts. */
public enum Condition {
    /** The dependency is ready (its readiness probe passed). */
    READY,
    /** The dependency has been spawned. */
    STARTED,
    /** The dependency is a one-shot task that exited 0. */
    COMPLETED;

    /** The spelling used in stack files and JSON. */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
