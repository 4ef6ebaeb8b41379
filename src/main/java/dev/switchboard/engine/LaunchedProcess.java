package dev.switchboard.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * One launch of a process: it leads its own process group, and every signal goes to the whole
 * group. Signalling methods return at once, are idempotent, treat "no such process" as success,
 * and never signal a group that is no longer ours (the leader's start time is checked while it
 * lives; after it died, the group must still have members, which keeps its id from being reused).
 */
public interface LaunchedProcess {

    /** The leader's pid. */
    long pid();

    /** The process group id (equal to {@link #pid()}). */
    long pgid();

    /** The leader's start time in clock ticks since boot ({@code /proc/PID/stat} field 22). */
    long startTicks();

    /** Wall-clock time of the spawn (or, for an adopted process, of its start). */
    Instant startedAt();

    /** Completes exactly once, when the leader has exited (or could not be watched). */
    CompletableFuture<ExitStatus> exit();

    /** True while any member of the group is alive (zombies do not count). */
    boolean isGroupAlive();

    /**
     * Sends {@code signal} to the group now and SIGKILL to whatever of the group is still alive
     * after {@code grace}. The escalation belongs to this launch only.
     */
    void terminate(int signal, Duration grace);

    /** SIGKILL to the whole group now. */
    void kill();

    /**
     * Completes when the leader has exited and no member of the group is alive any more. Members
     * that outlive the leader are only watched (polled) after {@link #terminate} or {@link #kill}.
     */
    CompletableFuture<Void> groupGone();
}
