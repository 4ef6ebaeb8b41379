package dev.switchboard.engine;

/** The state of one process of a stack (CONTRACT section 5). */
public enum ProcessState {
    /** Waiting for its dependencies. */
    PENDING,
    /** Spawned (or being probed), not yet ready. */
    STARTING,
    /** Its readiness probe passed. */
    READY,
    /** Asked to stop, not yet gone. */
    STOPPING,
    /** Stopped on request, or never started. */
    STOPPED,
    /** A one-shot task that exited 0. */
    COMPLETED,
    /** Failed: see the reason. */
    FAILED,
    /** Not started: a dependency failed or the start was aborted. */
    SKIPPED;

    /** The spelling used in JSON and on the command line. */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** True for states in which a process of ours may be alive. */
    public boolean isActive() {
        return this == STARTING || this == READY || this == STOPPING;
    }

    /** Parses {@link #id()}. */
    public static ProcessState of(String id) {
        return valueOf(id.toUpperCase(java.util.Locale.ROOT));
    }
}
