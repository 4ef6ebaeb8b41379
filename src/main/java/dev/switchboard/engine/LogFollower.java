package dev.switchboard.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Reads one log file from where it left off, splits it into numbered lines, keeps the last
 * {@link LogTail#BUFFERED_LINES} in memory, and truncates the file when it has grown past its cap.
 * Not thread-safe: {@link LogTail} serialises all calls.
 */
final class LogFollower {

    private static final int CHUNK = 64 * 1024;
    /** How far behind the end of the file the reader may fall before it skips ahead. */
    static final long SKIP_BEYOND = 16L << 20;
    /** How much before the end of the file reading resumes after a skip. */
    private static final long SKIP_RESUME_BEFORE_END = 256L << 10;

    private final LogStream stream;
    private final Path path;
    private final long sizeCap;
    private final BiConsumer<LogStream, LogTail.Line> sink;
    private final LineSplitter splitter = new LineSplitter(LogTail.MAX_LINE_BYTES);
    private final ArrayDeque<LogTail.Line> buffer = new ArrayDeque<>();
    private final ByteBuffer chunk = ByteBuffer.allocate(CHUNK);
    private FileChannel channel;
    private long position;
    private long seq; // guarded by this

    LogFollower(LogStream stream, Path path, long sizeCap, long seqAfter, BiConsumer<LogStream, LogTail.Line> sink) {
        this.stream = stream;
        this.seq = seqAfter;
        this.path = path.toAbsolutePath();
        this.sizeCap = sizeCap;
        this.sink = sink;
    }

    Path path() {
        return path;
    }

    /** The number of the last line reported (or of the line before the first). */
    synchronized long lastSeq() {
        return seq;
    }

    void open(LogTail.Start start) throws IOException {
        channel = FileChannel.open(path, StandardOpenOption.READ);
        if (start == LogTail.Start.END) {
            long end = channel.size();
            long from = Math.max(0, end - LogTail.REFILL_BYTES);
            boolean midLine = from > 0 && readAt(from - 1) > 0 && chunk.get(0) != '\n';
            // Lines already written are history: they fill the buffer but are not reported.
            while (from < end) {
                int n = readAt(from);
                if (n <= 0) {
                    break;
                }
                int skip = 0;
                if (midLine) {
                    while (skip < n && chunk.get(skip) != '\n') {
                        skip++;
                    }
                    midLine = skip == n;
                    skip = Math.min(n, skip + 1);
                }
                splitter.feed(chunk.array(), skip, n - skip, this::remember);
                from += n;
            }
            position = end;
        }
    }

    /** Reads everything appended since the last call and reports its complete lines. */
    void readAvailable() {
        if (channel == null || !channel.isOpen()) {
            return;
        }
        try {
            if (channel.size() < position) {
                position = 0; // truncated by someone else
            }
            readToEnd();
            if (position >= sizeCap) {
                truncate();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reports the pending partial line, if any. */
    void flushPartial() {
        splitter.flush(this::report);
    }

    void close() {
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException e) {
            // Read-only channel: nothing is lost.
        }
    }

    synchronized List<LogTail.Line> lastLines(int n) {
        int skip = Math.max(0, buffer.size() - Math.max(0, n));
        List<LogTail.Line> lines = new ArrayList<>(buffer.size() - skip);
        int i = 0;
        for (LogTail.Line line : buffer) {
            if (i++ >= skip) {
                lines.add(line);
            }
        }
        return lines;
    }

    private void readToEnd() throws IOException {
        int n;
        boolean lineStart = true;
        while (true) {
            long behind = channel.size() - position;
            if (behind > SKIP_BEYOND) {
                skipAhead(behind);
                lineStart = false;
            }
            if ((n = readAt(position)) <= 0) {
                return;
            }
            int from = 0;
            if (!lineStart) {
                // after a skip, resume at the next line boundary
                while (from < n && chunk.get(from) != '\n') {
                    from++;
                }
                lineStart = from < n;
                from = Math.min(n, from + 1);
            }
            position += n;
            splitter.feed(chunk.array(), from, n - from, this::report);
        }
    }

    /**
     * A child writing faster than lines can be followed (hundreds of MB/s) is not chased line by
     * line: the supervisor would spend a core on it and slow the child down. Jump to near the end
     * and say so in the stream; the child itself never waits either way.
     */
    private void skipAhead(long behind) {
        long resume = behind - SKIP_RESUME_BEFORE_END;
        splitter.reset();
        report("[switchboard] " + (resume >> 20) + " MiB of output skipped here: written faster than it can be"
                + " followed");
        position += resume;
    }

    /**
     * Copytruncate: whatever the child writes between the last read and the truncation is lost,
     * so read once more right before it to keep that window as small as possible.
     */
    private void truncate() throws IOException {
        try (FileChannel writer = FileChannel.open(path, StandardOpenOption.WRITE)) {
            readToEnd();
            writer.truncate(0);
        }
        position = 0;
    }

    private int readAt(long at) throws IOException {
        chunk.clear();
        return channel.read(chunk, at);
    }

    private void report(String text) {
        LogTail.Line line = remember(text);
        sink.accept(stream, line);
    }

    private synchronized LogTail.Line remember(String text) {
        LogTail.Line line = new LogTail.Line(++seq, Instant.now(), text);
        if (buffer.size() == LogTail.BUFFERED_LINES) {
            buffer.removeFirst();
        }
        buffer.addLast(line);
        return line;
    }
}
