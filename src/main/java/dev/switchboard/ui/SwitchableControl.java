package dev.switchboard.ui;

import dev.switchboard.engine.Event;
import dev.switchboard.engine.LogStream;
import dev.switchboard.engine.StackControl;
import dev.switchboard.engine.StackStatus;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The control the window holds: forwards to the current connection, which {@link #swap} replaces after a
 * reconnect, so the view model keeps one control for the life of the window.
 */
final class SwitchableControl implements StackControl {
    private volatile StackControl current;

    SwitchableControl(StackControl first) {
        this.current = Objects.requireNonNull(first, "control");
    }

    /** Forwards to {@code next} from now on and returns the control it replaced. */
    StackControl swap(StackControl next) {
        StackControl was = current;
        current = Objects.requireNonNull(next, "control");
        return was;
    }

    /** The connection forwarded to now. */
    StackControl current() {
        return current;
    }

    @Override
    public CompletableFuture<StackStatus> open(Path file) {
        return current.open(file);
    }

    @Override
    public CompletableFuture<StackStatus> up(String stack) {
        return current.up(stack);
    }

    @Override
    public CompletableFuture<StackStatus> down(String stack, boolean persist) {
        return current.down(stack, persist);
    }

    @Override
    public CompletableFuture<StackStatus> start(String stack, String process) {
        return current.start(stack, process);
    }

    @Override
    public CompletableFuture<StackStatus> stop(String stack, String process) {
        return current.stop(stack, process);
    }

    @Override
    public CompletableFuture<StackStatus> restart(String stack, String process) {
        return current.restart(stack, process);
    }

    @Override
    public CompletableFuture<StackStatus> check(String stack, String process) {
        return current.check(stack, process);
    }

    @Override
    public CompletableFuture<List<StackStatus>> status() {
        return current.status();
    }

    @Override
    public CompletableFuture<List<Event.LogLine>> logs(String stack, String process, LogStream stream, int lines) {
        return current.logs(stack, process, stream, lines);
    }

    @Override
    public Subscription subscribe(Consumer<Event> listener) {
        return current.subscribe(listener);
    }

    @Override
    public Subscription subscribe(Consumer<Event> listener, int logLinesPerSecond) {
        return current.subscribe(listener, logLinesPerSecond);
    }

    @Override
    public void close() {
        current.close();
    }
}
