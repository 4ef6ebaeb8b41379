package dev.switchboard.model;

/** How a process relates to the runs of its stack (CONTRACT section 3). */
public enum LaunchMode {
    /** Spawned by the run and stopped when the stack stops. */
    OWN,
    /** Spawned by the run, left running on a normal stop, adopted by the next run. */
    PERSIST,
    /** Never spawned and never signalled; only probed. */
    REUSE;

    /** The spelling used in stack files and JSON. */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
