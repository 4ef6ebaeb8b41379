package dev.switchboard.ui;

import dev.switchboard.engine.Event;
import dev.switchboard.engine.LogStream;
import dev.switchboard.engine.StackControl;
import dev.switchboard.engine.StackStatus;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The control the window holds: forwards to the current connection, which {@link #swap} replaces after a
 * reconnect, so the view model keeps one control for the life of the window. It may start without a
 * connection ({@link #pending()}), so the window can be drawn first: requests made meanwhile (opening
 * the stack shown at start-up) wait and go to the first connection, in order, when it is swapped in;
 * subscriptions are made again by the window on that connection, so until then they receive nothing.
 */
final class SwitchableControl implements StackControl {
    /** Null until the first connection is swapped in. */
    private volatile StackControl current;
    /** Requests made before the first connection, oldest first. Guarded by this. */
    private final List<Consumer<StackControl>> waiting = new ArrayList<>();

    /** Forwards to {@code first}. */
    SwitchableControl(StackControl first) {
        this.current = Objects.requireNonNull(first, "control");
    }

    private SwitchableControl() {
    }

    /** A control whose requests wait for the first {@link #swap}. */
    static SwitchableControl pending() {
        return new SwitchableControl();
    }

    /** True once a connection has been swapped in. */
    boolean isConnected() {
        return current != null;
    }

    /**
     * Forwards to {@code next} from now on; requests waiting for a first connection are sent to it
     * first, in the order they were made. Returns the control it replaced, or null if none.
     */
    synchronized StackControl swap(StackControl next) {
        Objects.requireNonNull(next, "control");
        StackControl was = current;
        waiting.forEach(request -> request.accept(next)); // sending only: nothing here blocks
        waiting.clear();
        current = next;
        return was;
    }

    /** The connection forwarded to now, or null before the first. */
    StackControl current() {
        return current;
    }

    private <T> CompletableFuture<T> call(Function<StackControl, CompletableFuture<T>> request) {
        StackControl c = current;
        if (c == null) {
            synchronized (this) {
                c = current;
                if (c == null) {
                    CompletableFuture<T> result = new CompletableFuture<>();
                    waiting.add(connection -> send(request, connection).whenComplete((value, failure) -> {
                        if (failure != null) {
                            result.completeExceptionally(failure);
                        } else {
                            result.complete(value);
                        }
                    }));
                    return result;
                }
            }
        }
        return request.apply(c);
    }

    private static <T> CompletableFuture<T> send(Function<StackControl, CompletableFuture<T>> request, StackControl c) {
        try {
            return request.apply(c);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public CompletableFuture<StackStatus> open(Path file) {
        return call(c -> c.open(file));
    }

    @Override
    public CompletableFuture<StackStatus> up(String stack) {
        return call(c -> c.up(stack));
    }

    @Override
    public CompletableFuture<StackStatus> down(String stack, boolean persist) {
        return call(c -> c.down(stack, persist));
    }

    @Override
    public CompletableFuture<StackStatus> start(String stack, String process) {
        return call(c -> c.start(stack, process));
    }

    @Override
    public CompletableFuture<StackStatus> stop(String stack, String process) {
        return call(c -> c.stop(stack, process));
    }

    @Override
    public CompletableFuture<StackStatus> restart(String stack, String process) {
        return call(c -> c.restart(stack, process));
    }

    @Override
    public CompletableFuture<StackStatus> check(String stack, String process) {
        return call(c -> c.check(stack, process));
    }

    @Override
    public CompletableFuture<List<StackStatus>> status() {
        return call(StackControl::status);
    }

    @Override
    public CompletableFuture<List<Event.LogLine>> logs(String stack, String process, LogStream stream, int lines) {
        return call(c -> c.logs(stack, process, stream, lines));
    }

    @Override
    public Subscription subscribe(Consumer<Event> listener) {
        StackControl c = current();
        return c == null ? () -> { } : c.subscribe(listener);
    }

    @Override
    public Subscription subscribe(Consumer<Event> listener, int logLinesPerSecond) {
        StackControl c = current();
        return c == null ? () -> { } : c.subscribe(listener, logLinesPerSecond);
    }

    @Override
    public void close() {
        StackControl c = current();
        if (c != null) {
            c.close();
        }
    }
}
