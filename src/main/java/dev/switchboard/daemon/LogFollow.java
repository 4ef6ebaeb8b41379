package dev.switchboard.daemon;

import dev.switchboard.engine.Event;
import dev.switchboard.engine.LogStream;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Joins a log tail and the live lines after it without a gap or a repeat. It subscribes first and
 * holds back live lines until the tail has been sent; then it passes on only lines whose
 * {@code seq} is beyond the tail's last line of the same stream.
 */
final class LogFollow implements Consumer<Event> {
    private final String stack;
    private final String process;
    private final LogStream stream;
    private final Consumer<Event.LogLine> sink;
    private final Map<LogStream, Long> lastSent = new EnumMap<>(LogStream.class);
    private List<Event.LogLine> heldBack = new ArrayList<>();

    /** Follows {@code process} of {@code stack}; {@code stream} null for both streams. */
    LogFollow(String stack, String process, LogStream stream, Consumer<Event.LogLine> sink) {
        this.stack = stack;
        this.process = process;
        this.stream = stream;
        this.sink = sink;
    }

    /** Called by the subscription with every event; keeps the lines of the followed process. */
    @Override
    public void accept(Event event) {
        if (!(event instanceof Event.LogLine line) || !line.stack().equals(stack) || !line.process().equals(process)
                || (stream != null && line.stream() != stream)) {
            return;
        }
        synchronized (this) {
            if (heldBack != null) {
                heldBack.add(line);
            } else {
                sendIfNew(line);
            }
        }
    }

    /** Sends the tail, then the live lines that arrived meanwhile, and from now on passes lines straight through. */
    synchronized void tail(List<Event.LogLine> lines) {
        lines.forEach(this::sendIfNew);
        heldBack.forEach(this::sendIfNew);
        heldBack = null;
    }

    private void sendIfNew(Event.LogLine line) {
        Long last = lastSent.get(line.stream());
        if (last == null || line.seq() > last) {
            lastSent.put(line.stream(), line.seq());
            sink.accept(line);
        }
    }
}
