package dev.switchboard.engine;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Everything the GUI and the CLI know about the supervisor. Implemented in-process by
 * {@link Supervisor} and over the local socket by the daemon client. Commands return at once;
 * their futures complete when the action has finished (a start: when every process is ready or
 * the start failed). A stack is named by its name or by its file's path.
 */
public interface StackControl extends AutoCloseable {

    /** Loads (or reloads) a stack file; fails with {@link dev.switchboard.model.StackFileException} if invalid. */
    CompletableFuture<StackStatus> open(Path file);

    /** Starts the whole stack; completes with its status once it is ready or has failed. */
    CompletableFuture<StackStatus> up(String stack);

    /** Stops the whole stack; {@code persist} also stops persist processes. */
    CompletableFuture<StackStatus> down(String stack, boolean persist);

    /** Starts one process and what it depends on. */
    CompletableFuture<StackStatus> start(String stack, String process);

    /** Stops one process and what depends on it (persist ones too: the caller asked for it by name). */
    CompletableFuture<StackStatus> stop(String stack, String process);

    /** Stops then starts one process (and its dependents). */
    CompletableFuture<StackStatus> restart(String stack, String process);

    /** Re-runs the readiness probe of a reuse process and updates its state. */
    CompletableFuture<StackStatus> check(String stack, String process);

    /** Every known stack. */
    CompletableFuture<List<StackStatus>> status();

    /** The last {@code lines} lines of a process's output, oldest first; {@code stream} null for both. */
    CompletableFuture<List<Event.LogLine>> logs(String stack, String process, LogStream stream, int lines);

    /**
     * Subscribes to events: the listener gets a {@link Event.Snapshot} first, then every event after it,
     * none missed, in order. Listeners are called on a supervisor thread and must not block.
     */
    Subscription subscribe(Consumer<Event> listener);

    /**
     * Like {@link #subscribe(Consumer)}, with log lines thinned out to at most {@code logLinesPerSecond}
     * per process ({@link LogSampler}): for a window that shows live output, which no one reads faster.
     * The daemon client has the service do the thinning, so the lines left out are never sent.
     */
    default Subscription subscribe(Consumer<Event> listener, int logLinesPerSecond) {
        return subscribe(new LogSampler(logLinesPerSecond, listener));
    }

    /** A live subscription; closing it stops delivery. */
    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }

    /** Releases the connection or, in-process, stops owned processes as a normal stop would. */
    @Override
    void close();
}
