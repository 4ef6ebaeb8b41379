package dev.switchboard.engine;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Follows the two log files of one launch and reports each new line, numbered per stream from 1,
 * or on from the numbers of the process's previous launch, so that a reader who follows a process
 * across restarts sees its numbers only grow.
 * The child writes the files itself; this only reads them: woken by inotify (one shared watcher
 * thread for every tail) plus a slow safety poll while any tail is open. Keeps the last
 * {@value #BUFFERED_LINES} lines of each stream in memory, and truncates a file that grew past
 * its size cap once it has been read (the child appends, so it goes on at the new end).
 * Listeners are called in order, one line at a time, never concurrently for one tail.
 */
public final class LogTail implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LogTail.class);

    /** Default size past which a log file is truncated after being read. */
    public static final long DEFAULT_SIZE_CAP = 64L * 1024 * 1024;
    /** Longer lines are cut to this many bytes. */
    public static final int MAX_LINE_BYTES = 16 * 1024;
    /** Lines kept in memory per stream. */
    public static final int BUFFERED_LINES = 1000;
    /** How much of an existing file is read back when a tail starts at its end. */
    public static final int REFILL_BYTES = 64 * 1024;

    private static final long SAFETY_POLL_MS = 1000;
    private static final Set<LogTail> OPEN = new LinkedHashSet<>();
    private static ScheduledFuture<?> safetyPoll; // guarded by OPEN
    private static DirectoryWatcher watcher; // guarded by OPEN

    /** Receives log lines. */
    @FunctionalInterface
    public interface Listener {
        /** One complete line (without its newline) of {@code stream}. */
        void onLine(LogStream stream, long seq, Instant at, String text);
    }

    /** A line kept in memory. */
    public record Line(long seq, Instant at, String text) {
    }

    /** Where a tail starts reading. */
    public enum Start {
        /** From the first byte: a fresh launch. */
        BEGINNING,
        /** At the current end, after reading back the last {@value #REFILL_BYTES} bytes into memory: an adopted process. */
        END
    }

    private final Map<LogStream, LogFollower> followers = new EnumMap<>(LogStream.class);
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final AtomicInteger pendingDrains = new AtomicInteger();
    private final List<DirectoryWatcher.Registration> watches = new ArrayList<>();
    private volatile boolean closed;

    private LogTail(Path stdout, Path stderr, Listener listener, long sizeCap, LogTail previous) {
        for (LogStream stream : LogStream.values()) {
            followers.put(stream, new LogFollower(stream, stream == LogStream.STDOUT ? stdout : stderr, sizeCap,
                    previous == null ? 0 : previous.lastSeq(stream), this::emit));
        }
        listeners.add(listener);
    }

    /** Follows a fresh launch's files from their first byte, with the default size cap. */
    public static LogTail follow(Path stdout, Path stderr, Listener listener) throws IOException {
        return follow(stdout, stderr, listener, Start.BEGINNING, DEFAULT_SIZE_CAP);
    }

    /** Follows two log files from {@code start}, truncating each once it has grown past {@code sizeCap} bytes. */
    public static LogTail follow(Path stdout, Path stderr, Listener listener, Start start, long sizeCap)
            throws IOException {
        return follow(stdout, stderr, listener, start, sizeCap, null);
    }

    /**
     * Like {@link #follow(Path, Path, Listener, Start, long)}, numbering each stream's lines on from
     * the last line of {@code previous} (the same process's previous launch; null to start at 1).
     */
    public static LogTail follow(Path stdout, Path stderr, Listener listener, Start start, long sizeCap,
                                 LogTail previous) throws IOException {
        LogTail tail = new LogTail(stdout, stderr, listener, sizeCap, previous);
        tail.open(start);
        return tail;
    }

    /** The number of the last line reported on {@code stream} (0 before the first, unless numbered on from a previous launch). */
    public long lastSeq(LogStream stream) {
        return followers.get(stream).lastSeq();
    }

    /** The file one stream is read from. */
    public Path file(LogStream stream) {
        return followers.get(stream).path();
    }

    /** The last {@code n} lines (at most {@value #BUFFERED_LINES}) of one stream, oldest first. */
    public List<Line> lines(LogStream stream, int n) {
        return followers.get(stream).lastLines(n);
    }

    /**
     * Adds a listener; with {@code replay} it first gets the lines still in memory, with no gap
     * and no duplicate before the live ones. Closing the result removes it.
     */
    public AutoCloseable subscribe(Listener listener, boolean replay) {
        lock.lock();
        try {
            if (replay) {
                record Buffered(LogStream stream, Line line) {
                }
                List<Buffered> all = new ArrayList<>();
                for (LogStream stream : LogStream.values()) {
                    lines(stream, BUFFERED_LINES).forEach(line -> all.add(new Buffered(stream, line)));
                }
                all.sort(Comparator.comparing(b -> b.line().at())); // stable: keeps each stream's order
                all.forEach(b -> listener.onLine(b.stream(), b.line().seq(), b.line().at(), b.line().text()));
            }
            listeners.add(listener);
        } finally {
            lock.unlock();
        }
        return () -> listeners.remove(listener);
    }

    /** Reads what is left, reports the last partial lines, and stops following. Idempotent. */
    @Override
    public void close() {
        synchronized (OPEN) {
            OPEN.remove(this);
            if (OPEN.isEmpty() && safetyPoll != null) {
                safetyPoll.cancel(false);
                safetyPoll = null;
            }
        }
        lock.lock();
        try {
            if (closed) {
                return;
            }
            watches.forEach(DirectoryWatcher.Registration::close);
            for (LogFollower follower : followers.values()) {
                follower.readAvailable();
                follower.flushPartial();
                follower.close();
            }
            closed = true;
        } finally {
            lock.unlock();
        }
    }

    private void open(Start start) throws IOException {
        for (LogFollower follower : followers.values()) {
            follower.open(start);
        }
        synchronized (OPEN) {
            if (watcher == null) {
                watcher = new DirectoryWatcher("sb-log-watch");
            }
            Set<Path> dirs = new LinkedHashSet<>();
            for (LogFollower follower : followers.values()) {
                dirs.add(follower.path().getParent());
            }
            for (Path dir : dirs) {
                watches.add(watcher.watch(dir, new DirectoryWatcher.Listener() {
                    @Override
                    public void changed(Path fileName) {
                        for (LogFollower follower : followers.values()) {
                            if (follower.path().getFileName().equals(fileName)) {
                                requestDrain();
                                return;
                            }
                        }
                    }

                    @Override
                    public void overflowed() {
                        requestDrain();
                    }
                }));
            }
            OPEN.add(this);
            if (safetyPoll == null) {
                safetyPoll = EngineThreads.scheduler().scheduleWithFixedDelay(LogTail::pollAll,
                        SAFETY_POLL_MS, SAFETY_POLL_MS, TimeUnit.MILLISECONDS);
            }
        }
        requestDrain(); // whatever was written before the watch was in place
    }

    private static void pollAll() {
        List<LogTail> tails;
        synchronized (OPEN) {
            tails = List.copyOf(OPEN);
        }
        tails.forEach(LogTail::requestDrain);
    }

    /** Coalesces wake-ups: at most one drain runs per tail, and it loops while more were requested. */
    private void requestDrain() {
        if (pendingDrains.getAndIncrement() == 0) {
            EngineThreads.blocking().execute(this::drainLoop);
        }
    }

    private void drainLoop() {
        int requested = 1;
        do {
            drain();
            requested = pendingDrains.addAndGet(-requested);
        } while (requested != 0);
    }

    private void drain() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            for (LogFollower follower : followers.values()) {
                follower.readAvailable();
            }
        } catch (UncheckedIOException e) {
            LOG.warn("cannot read log file: {}", e.getMessage());
        } finally {
            lock.unlock();
        }
    }

    private void emit(LogStream stream, Line line) {
        for (Listener listener : listeners) {
            try {
                listener.onLine(stream, line.seq(), line.at(), line.text());
            } catch (RuntimeException e) {
                LOG.warn("log listener failed", e);
            }
        }
    }
}
