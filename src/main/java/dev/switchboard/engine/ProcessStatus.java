package dev.switchboard.engine;

import dev.switchboard.model.LaunchMode;

import java.time.Instant;

/**
 * An immutable snapshot of one process, as shown by {@code status} and the GUI.
 *
 * @param name         process name
 * @param mode         launch mode
 * @param state        current state
 * @param pid          pid of the live (or last) launch, or null
 * @param exitCode     exit code of the last launch if it exited, else null
 * @param signal       signal number that killed the last launch, else null
 * @param reason       why it failed or was skipped, or a note (e.g. "left running (persist)"), else null
 * @param readyAfterMs milliseconds from spawn to ready for the last start, else null
 * @param stdoutLog    absolute path of the current stdout log, or null
 * @param stderrLog    absolute path of the current stderr log, or null
 * @param pendingAt    when the last start began waiting for dependencies, or null
 * @param startedAt    when the last launch was spawned (or adopted), or null
 * @param readyAt      when it became ready, or null
 * @param endedAt      when it exited, or null
 * @param adopted      true when this run adopted a process it did not spawn
 */
public record ProcessStatus(
        String name,
        LaunchMode mode,
        ProcessState state,
        Long pid,
        Integer exitCode,
        Integer signal,
        String reason,
        Long readyAfterMs,
        String stdoutLog,
        String stderrLog,
        Instant pendingAt,
        Instant startedAt,
        Instant readyAt,
        Instant endedAt,
        boolean adopted) {

    /** A process that has never been started. */
    public static ProcessStatus initial(String name, LaunchMode mode) {
        return new ProcessStatus(name, mode, ProcessState.STOPPED, null, null, null, null, null,
                null, null, null, null, null, null, false);
    }

    /** A copy with another state and reason. */
    public ProcessStatus withState(ProcessState newState, String newReason) {
        return new ProcessStatus(name, mode, newState, pid, exitCode, signal, newReason, readyAfterMs,
                stdoutLog, stderrLog, pendingAt, startedAt, readyAt, endedAt, adopted);
    }
}
