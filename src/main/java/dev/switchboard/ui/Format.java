package dev.switchboard.ui;

import dev.switchboard.engine.ProcessState;
import dev.switchboard.engine.ProcessStatus;
import dev.switchboard.model.StopSignal;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/** Short human renderings of durations and process outcomes used across the window. */
public final class Format {
    private Format() {
    }

    /** "0.8 s", "41 s", "2 min 05 s", "1 h 02 min". */
    public static String duration(Duration d) {
        long ms = Math.max(0, d.toMillis());
        if (ms < 10_000) {
            return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
        }
        long s = ms / 1000;
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%d h %02d min", s / 3600, (s % 3600) / 60);
    }

    /** The duration from {@code from} to {@code to}, or "" when either is missing. */
    public static String between(Instant from, Instant to) {
        return from == null || to == null ? "" : duration(Duration.between(from, to));
    }

    /** How the last launch ended: "exit 1", "SIGKILL", or "" while it runs. */
    public static String exit(ProcessStatus s) {
        if (s == null) {
            return "";
        }
        if (s.exitCode() != null) {
            return "exit " + s.exitCode();
        }
        if (s.signal() != null) {
            return StopSignal.describe(s.signal());
        }
        return "";
    }

    /** The one-line caption under a process's name in the graph. */
    public static String caption(ProcessStatus s, Instant now) {
        if (s == null) {
            return "";
        }
        ProcessState state = s.state();
        return switch (state) {
            case PENDING -> s.pendingAt() == null ? "waiting" : "waiting " + between(s.pendingAt(), now);
            case STARTING -> s.startedAt() == null ? "starting" : "starting " + between(s.startedAt(), now);
            case READY -> s.reason() != null ? s.reason() : s.adopted() ? "adopted" : s.readyAfterMs() == null ? "ready"
                    : "ready in " + duration(Duration.ofMillis(s.readyAfterMs()));
            case STOPPING -> "stopping";
            case COMPLETED -> "done " + exit(s);
            case FAILED -> {
                String e = exit(s);
                yield e.isEmpty() ? "failed" : "failed: " + e;
            }
            case SKIPPED -> "skipped";
            case STOPPED -> "stopped";
        };
    }
}
