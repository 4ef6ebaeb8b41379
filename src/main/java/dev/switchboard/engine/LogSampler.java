package dev.switchboard.engine;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Passes every event but thins out log lines to at most {@code linesPerSecond} per process (with
 * bursts of a tenth of a second's worth), so a window showing live output is never sent more lines
 * than anyone can read while ten processes flood. Each process has its own budget: a chatty
 * process never silences a quiet one. Lines left out keep their place in the sequence numbers
 * (a reader sees the gap) and are all in the log files. Thread-safe.
 */
public final class LogSampler implements Consumer<Event> {

    /** Budget of one process. */
    private static final class Bucket {
        double tokens;
        long refilledAt;
    }

    private final Consumer<Event> downstream;
    private final double perNano;
    private final double burst;
    private final LongSupplier clock;
    private final Map<String, Bucket> buckets = new HashMap<>(); // guarded by this

    /** Samples for {@code downstream} at {@code linesPerSecond} lines per process (at least 1). */
    public LogSampler(int linesPerSecond, Consumer<Event> downstream) {
        this(linesPerSecond, downstream, System::nanoTime);
    }

    /** As above, with a nanosecond clock (tests). */
    LogSampler(int linesPerSecond, Consumer<Event> downstream, LongSupplier clock) {
        if (linesPerSecond < 1) {
            throw new IllegalArgumentException("linesPerSecond must be at least 1, not " + linesPerSecond);
        }
        this.downstream = downstream;
        this.perNano = linesPerSecond / 1e9;
        this.burst = Math.max(1, linesPerSecond / 10.0);
        this.clock = clock;
    }

    @Override
    public void accept(Event event) {
        if (!(event instanceof Event.LogLine line) || admit(line)) {
            downstream.accept(event);
        }
    }

    /** True if the line fits in its process's budget (and takes its share). */
    synchronized boolean admit(Event.LogLine line) {
        long now = clock.getAsLong();
        Bucket b = buckets.computeIfAbsent(line.stack() + '\u0000' + line.process(), k -> {
            Bucket fresh = new Bucket();
            fresh.tokens = burst;
            fresh.refilledAt = now;
            return fresh;
        });
        b.tokens = Math.min(burst, b.tokens + (now - b.refilledAt) * perNano);
        b.refilledAt = now;
        if (b.tokens >= 1) {
            b.tokens -= 1;
            return true;
        }
        return false;
    }
}
