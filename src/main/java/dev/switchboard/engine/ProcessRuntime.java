package dev.switchboard.engine;

import dev.switchboard.model.ProcessSpec;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;

/**
 * The live state of one process of a stack. Owned by the supervisor's loop thread: every field is
 * read and written there only, and every change of state goes through {@link StackRuntime#transition}.
 */
final class ProcessRuntime {
    /** Its definition; replaced in place when the stack file is edited (applies from the next launch). */
    ProcessSpec spec;

    ProcessState state = ProcessState.STOPPED;
    String reason;
    Long pid;
    Integer exitCode;
    Integer signal;
    Instant pendingAt;
    Instant startedAt;
    Instant readyAt;
    Instant endedAt;
    boolean adopted;
    String stdoutLog;
    String stderrLog;

    /** The current launch, or null. A callback from an older launch compares against this and is ignored. */
    LaunchedProcess launch;
    LogTail tail;
    /** The ready file of the current launch, deleted once the launch has ended. */
    Path readyFile;
    CompletableFuture<Void> readiness;
    ScheduledFuture<?> timeout;
    ScheduledFuture<?> progress;
    /** True once a stop of this launch was requested: its exit is then expected. */
    boolean stopRequested;
    /** True when the current start operation spawned it (an abort stops exactly these). */
    boolean spawnedByCurrentStart;

    ProcessRuntime(ProcessSpec spec) {
        this.spec = spec;
    }

    String name() {
        return spec.name();
    }

    /** The immutable view of this process. */
    ProcessStatus status() {
        Long readyAfter = readyAt != null && startedAt != null && !adopted
                ? Duration.between(startedAt, readyAt).toMillis() : null;
        return new ProcessStatus(spec.name(), spec.mode(), state, pid, exitCode, signal, reason, readyAfter,
                stdoutLog, stderrLog, pendingAt, startedAt, readyAt, endedAt, adopted);
    }

    /** Drops timers and probes of the current launch. */
    void cancelWatchers() {
        if (timeout != null) {
            timeout.cancel(false);
            timeout = null;
        }
        if (progress != null) {
            progress.cancel(false);
            progress = null;
        }
        if (readiness != null) {
            readiness.cancel(true);
            readiness = null;
        }
    }

    /** Seconds since the spawn, for messages ("after 3.2 s"). */
    String sinceStart(Instant now) {
        if (startedAt == null) {
            return "0 s";
        }
        return seconds(Duration.between(startedAt, now));
    }

    /** Formats a duration as "3.2 s" (or "120 s" for whole seconds above a minute). */
    static String seconds(Duration d) {
        long ms = Math.max(0, d.toMillis());
        if (ms >= 60_000 && ms % 1000 == 0) {
            return (ms / 1000) + " s";
        }
        return String.format(java.util.Locale.ROOT, "%.1f s", ms / 1000.0);
    }
}
