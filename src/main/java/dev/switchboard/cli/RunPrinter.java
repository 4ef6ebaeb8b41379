package dev.switchboard.cli;

import dev.switchboard.engine.Event;
import dev.switchboard.engine.ProcessState;
import dev.switchboard.engine.ProcessStatus;
import dev.switchboard.engine.StackState;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Turns supervisor events into the foreground launcher's output: {@code [name] line} for output,
 * {@code [name] waiting… (Ns)} while starting (at once and every 5 s), {@code [name] ready (N.Ns)},
 * and a banner once everything is ready.
 */
final class RunPrinter implements Consumer<Event> {
    private static final long WAIT_EVERY_MS = 5_000;

    private final PrintStream out;
    private final String stack;
    private final int width;
    /** Processes currently starting → when the next "waiting…" line is due. */
    private final Map<String, Instant> waiting = new ConcurrentHashMap<>();
    private final Map<String, Instant> started = new ConcurrentHashMap<>();
    /** The last state printed per process: a change of pid or exit code alone prints nothing. */
    private final Map<String, ProcessState> shown = new ConcurrentHashMap<>();

    RunPrinter(PrintStream out, String stack, int width) {
        this.out = out;
        this.stack = stack;
        this.width = width;
    }

    @Override
    public void accept(Event event) {
        switch (event) {
            case Event.LogLine l when l.stack().equals(stack) -> line(l.process(), l.text());
            case Event.ProcessStateChanged c when c.stack().equals(stack) -> state(c.process());
            case Event.StackStateChanged s when s.stack().equals(stack) && s.state() == StackState.READY ->
                    banner();
            default -> {
            }
        }
    }

    private void state(ProcessStatus p) {
        String name = p.name();
        if (shown.put(name, p.state()) == p.state()) {
            return;
        }
        if (p.state() == ProcessState.STARTING) {
            if (!started.containsKey(name)) {
                Instant at = p.startedAt() == null ? Instant.now() : p.startedAt();
                started.put(name, at);
                line(name, "waiting… (0s)");
                waiting.put(name, at.plusMillis(WAIT_EVERY_MS));
            }
            return;
        }
        waiting.remove(name);
        Instant since = started.remove(name);
        switch (p.state()) {
            case READY -> {
                if (p.adopted()) {
                    line(name, "ready (adopted: pid " + p.pid() + ", left running by an earlier start)");
                } else if (since != null) {
                    line(name, "ready (" + seconds(Duration.between(since, Instant.now())) + ")");
                } else if (p.reason() != null) {
                    line(name, p.reason());
                }
            }
            case COMPLETED -> line(name, "completed (exit code 0)");
            case FAILED -> line(name, "FAILED: " + p.reason());
            case SKIPPED -> line(name, p.reason() == null ? "skipped" : p.reason());
            case STOPPING -> line(name, "stopping…");
            case STOPPED -> {
                if (p.pid() != null) {
                    line(name, "stopped");
                }
            }
            default -> {
            }
        }
    }

    /** Prints the "waiting…" lines that are due; called about once a second. */
    void tick() {
        Instant now = Instant.now();
        waiting.forEach((name, due) -> {
            if (!now.isBefore(due)) {
                Instant since = started.getOrDefault(name, now);
                line(name, "waiting… (" + Duration.between(since, now).toSeconds() + "s)");
                waiting.put(name, due.plusMillis(WAIT_EVERY_MS));
            }
        });
    }

    private void banner() {
        synchronized (out) {
            out.println("==> " + stack + " is ready. Press Ctrl-C to stop it.");
            out.flush();
        }
    }

    private void line(String name, String text) {
        String prefix = "[" + name + "]";
        synchronized (out) {
            out.print(prefix);
            out.print(" ".repeat(Math.max(1, width + 3 - prefix.length())));
            out.println(text);
        }
    }

    static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1fs", d.toMillis() / 1000.0);
    }
}
