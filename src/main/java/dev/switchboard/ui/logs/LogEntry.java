package dev.switchboard.ui.logs;

import dev.switchboard.engine.Event;
import dev.switchboard.engine.LogStream;

import java.time.Instant;
import java.util.List;

/**
 * One line as the log view shows it. Escape sequences are only parsed when the line's styled
 * {@link #segments()} or plain {@link #text()} are first asked for: under a flood most lines scroll
 * out of the bounded list without ever being shown, searched or copied. FX thread only.
 */
public final class LogEntry {
    private final String process;
    private final LogStream stream;
    private final long seq;
    private final Instant at;
    private final String raw;
    private List<Ansi.Segment> segments;
    private String text;

    private LogEntry(String process, LogStream stream, long seq, Instant at, String raw) {
        this.process = process;
        this.stream = stream;
        this.seq = seq;
        this.at = at;
        this.raw = raw;
    }

    /** Wraps an engine log line (cheap: nothing is parsed yet). */
    public static LogEntry of(Event.LogLine line) {
        return new LogEntry(line.process(), line.stream(), line.seq(), line.at(), line.text());
    }

    /** The process that wrote it. */
    public String process() {
        return process;
    }

    /** Stdout or stderr. */
    public LogStream stream() {
        return stream;
    }

    /** The engine's sequence number for that process and stream. */
    public long seq() {
        return seq;
    }

    /** When it was read. */
    public Instant at() {
        return at;
    }

    /** The text without escape sequences (searched, filtered and copied). */
    public String text() {
        if (text == null) {
            List<Ansi.Segment> parts = segments();
            if (parts.size() == 1) {
                text = parts.getFirst().text();
            } else {
                StringBuilder plain = new StringBuilder(raw.length());
                parts.forEach(s -> plain.append(s.text()));
                text = plain.toString();
            }
        }
        return text;
    }

    /** The text split into styled runs. */
    public List<Ansi.Segment> segments() {
        if (segments == null) {
            segments = List.copyOf(Ansi.parse(raw));
        }
        return segments;
    }

    /** True for lines the process wrote to stderr. */
    public boolean isStderr() {
        return stream == LogStream.STDERR;
    }

    @Override
    public String toString() {
        return process + "/" + stream + "#" + seq + ": " + text();
    }
}
