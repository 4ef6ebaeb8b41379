package dev.switchboard.cli;

import dev.switchboard.engine.Event;
import dev.switchboard.engine.ProcessState;
import dev.switchboard.engine.ProcessStatus;

import java.io.PrintWriter;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Prints the progress of one stack from its events (starting, stopping): {@code [hub] starting…}, {@code [hub] ready (0.8 s)},
 * {@code [hub] failed: exited with code 1}. A line is printed only when a process's state changes,
 * so the snapshot and repeated updates (a new pid, say) stay quiet.
 */
final class ProgressPrinter implements Consumer<Event> {
    private final String stack;
    private final PrintWriter out;
    private final Map<String, ProcessState> seen = new HashMap<>();

    ProgressPrinter(String stack, PrintWriter out) {
        this.stack = stack;
        this.out = out;
    }

    @Override
    public synchronized void accept(Event event) {
        switch (event) {
            case Event.Snapshot snapshot -> snapshot.stacks().stream()
                    .filter(s -> s.name().equals(stack))
                    .forEach(s -> s.processes().forEach(p -> seen.put(p.name(), p.state())));
            case Event.ProcessStateChanged changed when changed.stack().equals(stack) -> print(changed.process());
            default -> {
            }
        }
    }

    private void print(ProcessStatus p) {
        if (seen.put(p.name(), p.state()) == p.state()) {
            return;
        }
        String reason = StatusFormat.reason(p);
        String line = switch (p.state()) {
            case PENDING -> null;
            case STARTING -> p.adopted() ? "adopting running process (pid " + p.pid() + ")…" : "starting…";
            case READY -> p.adopted() ? "ready (adopted, pid " + p.pid() + ")"
                    : "ready" + (p.readyAfterMs() == null ? "" : " (" + StatusFormat.seconds(p.readyAfterMs()) + ")");
            case STOPPING -> "stopping…";
            case STOPPED -> "stopped" + (reason == null ? "" : ": " + reason);
            case COMPLETED -> "completed";
            case FAILED -> "failed" + (reason == null ? "" : ": " + reason);
            case SKIPPED -> "skipped" + (reason == null ? "" : ": " + reason);
        };
        if (line != null) {
            out.println("[" + p.name() + "] " + line);
            out.flush();
        }
    }
}
