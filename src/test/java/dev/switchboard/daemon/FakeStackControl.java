package dev.switchboard.daemon;

import dev.switchboard.engine.Event;
import dev.switchboard.engine.LogStream;
import dev.switchboard.engine.ProcessState;
import dev.switchboard.engine.ProcessStatus;
import dev.switchboard.engine.StackControl;
import dev.switchboard.engine.StackState;
import dev.switchboard.engine.StackStatus;
import dev.switchboard.model.LaunchMode;
import dev.switchboard.model.Problem;
import dev.switchboard.model.SourceLocation;
import dev.switchboard.model.StackFileException;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A StackControl without processes, for testing the protocol: it keeps stacks in memory, publishes
 * events under one lock (snapshot + subscribe atomically, like the real one) and lets a test inject
 * log lines and state changes. Files whose name contains "invalid" fail to open with two problems;
 * stacks whose name contains "failing" fail to start because hub exits with code 3.
 */
public final class FakeStackControl implements StackControl {

    private final Map<String, StackStatus> stacks = new LinkedHashMap<>();
    private final List<Consumer<Event>> subscribers = new CopyOnWriteArrayList<>();
    private final List<Event.LogLine> lines = new ArrayList<>();
    private final Map<LogStream, Long> seq = new EnumMap<>(LogStream.class);
    public volatile boolean detached;
    public volatile boolean closed;

    @Override
    public synchronized CompletableFuture<StackStatus> open(Path file) {
        String name = file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
        if (name.contains("invalid")) {
            return CompletableFuture.failedFuture(new StackFileException(List.of(
                    new Problem(new SourceLocation(file, 3, 5), "unknown field 'comand' (did you mean 'command'?)"),
                    new Problem(new SourceLocation(file, 7, 1), "unknown launch_mode 'keep'"))));
        }
        StackStatus stack = new StackStatus(name, file.toString(), "a test stack", StackState.STOPPED, null, List.of(
                ProcessStatus.initial("hub", LaunchMode.OWN), ProcessStatus.initial("worker", LaunchMode.PERSIST)));
        stacks.put(name, stack);
        publish(new Event.StackLoaded(stack));
        return CompletableFuture.completedFuture(stack);
    }

    @Override
    public synchronized CompletableFuture<StackStatus> up(String stack) {
        if (stack.contains("failing")) {
            return transition(stack, ProcessState.FAILED, StackState.FAILED);
        }
        return transition(stack, ProcessState.READY, StackState.READY);
    }

    @Override
    public synchronized CompletableFuture<StackStatus> down(String stack, boolean persist) {
        return transition(stack, ProcessState.STOPPED, StackState.STOPPED);
    }

    @Override
    public synchronized CompletableFuture<StackStatus> start(String stack, String process) {
        return transition(stack, ProcessState.READY, StackState.READY);
    }

    @Override
    public synchronized CompletableFuture<StackStatus> stop(String stack, String process) {
        return transition(stack, ProcessState.STOPPED, StackState.STOPPED);
    }

    @Override
    public synchronized CompletableFuture<StackStatus> restart(String stack, String process) {
        return transition(stack, ProcessState.READY, StackState.READY);
    }

    @Override
    public synchronized CompletableFuture<StackStatus> check(String stack, String process) {
        return CompletableFuture.completedFuture(find(stack));
    }

    @Override
    public synchronized CompletableFuture<List<StackStatus>> status() {
        return CompletableFuture.completedFuture(List.copyOf(stacks.values()));
    }

    @Override
    public synchronized CompletableFuture<List<Event.LogLine>> logs(String stack, String process, LogStream stream, int count) {
        find(stack);
        List<Event.LogLine> matching = lines.stream()
                .filter(l -> l.stack().equals(stack) && l.process().equals(process) && (stream == null || l.stream() == stream))
                .toList();
        return CompletableFuture.completedFuture(List.copyOf(matching.subList(Math.max(0, matching.size() - count), matching.size())));
    }

    @Override
    public synchronized Subscription subscribe(Consumer<Event> listener) {
        listener.accept(new Event.Snapshot(List.copyOf(stacks.values())));
        subscribers.add(listener);
        return () -> subscribers.remove(listener);
    }

    /** Appends a line to a process's output and publishes it. */
    public synchronized Event.LogLine emitLog(String stack, String process, LogStream stream, String text) {
        long next = seq.merge(stream, 1L, Long::sum);
        Event.LogLine line = new Event.LogLine(stack, process, stream, next, Instant.now(), text);
        lines.add(line);
        publish(line);
        return line;
    }

    /** Publishes a state event for a process. */
    public synchronized void emitState(String stack, String process, ProcessState state, String reason) {
        publish(new Event.ProcessStateChanged(stack, ProcessStatus.initial(process, LaunchMode.OWN).withState(state, reason)));
    }

    public int subscriberCount() {
        return subscribers.size();
    }

    @Override
    public void close() {
        closed = true;
    }

    private StackStatus find(String stack) {
        StackStatus status = stacks.get(stack);
        if (status == null) {
            status = stacks.values().stream().filter(s -> s.file().equals(stack)).findFirst()
                    .orElseThrow(() -> new NoSuchElementException("no stack named '" + stack + "' (known: "
                            + String.join(", ", stacks.keySet()) + ")"));
        }
        return status;
    }

    private CompletableFuture<StackStatus> transition(String name, ProcessState processState, StackState stackState) {
        StackStatus stack;
        try {
            stack = find(name);
        } catch (NoSuchElementException e) {
            return CompletableFuture.failedFuture(e);
        }
        List<ProcessStatus> processes = new ArrayList<>();
        String reason = processState == ProcessState.FAILED ? "hub exited with code 3 before it was ready" : null;
        for (ProcessStatus p : stack.processes()) {
            if (processState != ProcessState.STOPPED) {
                publish(new Event.ProcessStateChanged(stack.name(), p.withState(ProcessState.STARTING, null)));
            }
            ProcessStatus changed = p.withState(processState, reason);
            processes.add(changed);
            publish(new Event.ProcessStateChanged(stack.name(), changed));
        }
        StackStatus changed = new StackStatus(stack.name(), stack.file(), stack.description(), stackState, reason, processes);
        stacks.put(stack.name(), changed);
        publish(new Event.StackStateChanged(stack.name(), stackState, null, Instant.now()));
        return CompletableFuture.completedFuture(changed);
    }

    private void publish(Event event) {
        for (Consumer<Event> subscriber : subscribers) {
            subscriber.accept(event);
        }
    }
}
