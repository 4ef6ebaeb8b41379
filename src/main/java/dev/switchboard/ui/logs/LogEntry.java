package dev.switchboard.ui.logs;

import dev.switchboard.engine.Event;
import dev.switchboard.engine.LogStream;

import java.time.Instant;
import java.util.List;

/**
 * One line as the log view shows it: escape sequences already turned into styled segments.
 *
 * @param process  the process that wrote it
 * @param stream   stdout or stderr
 * @param seq      the engine's sequence number for that process and stream
 * @param at       when it was read
 * @param text     the text without escape sequences (searched, filtered and copied)
 * @param segments the text split into styled runs
 */
public record LogEntry(String process, LogStream stream, long seq, Instant at, String text,
                       List<Ansi.Segment> segments) {

    /** Converts an engine log line. */
    public static LogEntry of(Event.LogLine line) {
        List<Ansi.Segment> segments = Ansi.parse(line.text());
        StringBuilder plain = new StringBuilder();
        segments.forEach(s -> plain.append(s.text()));
        return new LogEntry(line.process(), line.stream(), line.seq(), line.at(), plain.toString(), segments);
    }

    /** True for lines the process wrote to stderr. */
    public boolean isStderr() {
        return stream == LogStream.STDERR;
    }
}
