package dev.switchboard.ui;

import dev.switchboard.engine.Event;
import dev.switchboard.engine.LogStream;
import dev.switchboard.engine.StackControl;
import dev.switchboard.engine.StackStatus;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Stands in for the supervisor while the window connects to it in the background, so the window
 * can be drawn first. Requests made meanwhile (opening the stack shown at start-up) wait and go to
 * the supervisor, in order, once {@link #connected} hands it over; subscriptions are made by the
 * window again on the real connection, so here they receive nothing.
 */
final class PendingControl implements StackControl {
    private final CompletableFuture<StackControl> connection = new CompletableFuture<>();

    /** Sends the waiting requests to {@code control}, in the order they were made (on the calling thread). */
    void connected(StackControl control) {
        connection.complete(control);
    }

    private <T> CompletableFuture<T> later(Function<StackControl, CompletableFuture<T>> request) {
        return connection.thenCompose(request);
    }

    @Override
    public CompletableFuture<StackStatus> open(Path file) {
        return later(c -> c.open(file));
    }

    @Override
    public CompletableFuture<StackStatus> up(String stack) {
        return later(c -> c.up(stack));
    }

    @Override
    public CompletableFuture<StackStatus> down(String stack, boolean persist) {
        return later(c -> c.down(stack, persist));
    }

    @Override
    public CompletableFuture<StackStatus> start(String stack, String process) {
        return later(c -> c.start(stack, process));
    }

    @Override
    public CompletableFuture<StackStatus> stop(String stack, String process) {
        return later(c -> c.stop(stack, process));
    }

    @Override
    public CompletableFuture<StackStatus> restart(String stack, String process) {
        return later(c -> c.restart(stack, process));
    }

    @Override
    public CompletableFuture<StackStatus> check(String stack, String process) {
        return later(c -> c.check(stack, process));
    }

    @Override
    public CompletableFuture<List<StackStatus>> status() {
        return later(StackControl::status);
    }

    @Override
    public CompletableFuture<List<Event.LogLine>> logs(String stack, String process, LogStream stream, int lines) {
        return later(c -> c.logs(stack, process, stream, lines));
    }

    @Override
    public Subscription subscribe(Consumer<Event> listener) {
        return () -> { };
    }

    @Override
    public Subscription subscribe(Consumer<Event> listener, int logLinesPerSecond) {
        return () -> { };
    }

    /** Nothing to close: the connection, once made, belongs to the window. */
    @Override
    public void close() {
    }
}
