package dev.switchboard.ui.stack;

import dev.switchboard.engine.Event;
import dev.switchboard.engine.LogStream;
import dev.switchboard.engine.StackControl;
import dev.switchboard.engine.StackStatus;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/** A scripted StackControl for view-model unit tests: records commands, answers from tables. */
final class FakeStackControl implements StackControl {
    final List<String> calls = new ArrayList<>();
    final Map<Path, StackStatus> opened = new HashMap<>();
    final Map<String, List<Event.LogLine>> logLines = new HashMap<>();
    CompletableFuture<StackStatus> nextCommand = new CompletableFuture<>();
    Consumer<Event> listener;

    @Override
    public CompletableFuture<StackStatus> open(Path file) {
        calls.add("open " + file.getFileName());
        StackStatus s = opened.get(file);
        return s == null ? CompletableFuture.failedFuture(new IllegalStateException("no such stack " + file))
                : CompletableFuture.completedFuture(s);
    }

    private CompletableFuture<StackStatus> command(String call) {
        calls.add(call);
        return nextCommand;
    }

    @Override
    public CompletableFuture<StackStatus> up(String stack) {
        return command("up " + stack);
    }

    @Override
    public CompletableFuture<StackStatus> down(String stack, boolean persist) {
        return command("down " + stack + (persist ? " --persist" : ""));
    }

    @Override
    public CompletableFuture<StackStatus> start(String stack, String process) {
        return command("start " + stack + " " + process);
    }

    @Override
    public CompletableFuture<StackStatus> stop(String stack, String process) {
        return command("stop " + stack + " " + process);
    }

    @Override
    public CompletableFuture<StackStatus> restart(String stack, String process) {
        return command("restart " + stack + " " + process);
    }

    @Override
    public CompletableFuture<StackStatus> check(String stack, String process) {
        return command("check " + stack + " " + process);
    }

    @Override
    public CompletableFuture<List<StackStatus>> status() {
        return CompletableFuture.completedFuture(List.copyOf(opened.values()));
    }

    @Override
    public CompletableFuture<List<Event.LogLine>> logs(String stack, String process, LogStream stream, int lines) {
        calls.add("logs " + process + " " + (stream == null ? "all" : stream.id()));
        List<Event.LogLine> all = logLines.getOrDefault(process, List.of());
        List<Event.LogLine> picked = all.stream().filter(l -> stream == null || l.stream() == stream).toList();
        return CompletableFuture.completedFuture(picked.subList(Math.max(0, picked.size() - lines), picked.size()));
    }

    @Override
    public Subscription subscribe(Consumer<Event> l) {
        listener = l;
        l.accept(new Event.Snapshot(List.copyOf(opened.values())));
        return () -> listener = null;
    }

    @Override
    public void close() {
    }
}
