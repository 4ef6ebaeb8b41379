package dev.switchboard.ui.preview;

import dev.switchboard.engine.Event;
import dev.switchboard.engine.LogStream;
import dev.switchboard.engine.ProcessState;
import dev.switchboard.engine.ProcessStatus;
import dev.switchboard.engine.StackControl;
import dev.switchboard.engine.StackState;
import dev.switchboard.engine.StackStatus;
import dev.switchboard.model.LaunchMode;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/** A canned stack for looking at the window before the real supervisor exists. Test scope only. */
final class ScriptedControl implements StackControl {
    private final Path file;
    private final boolean failed;
    private final Instant t0 = Instant.now().minusSeconds(40);
    private final List<Event.LogLine> lines = new ArrayList<>();

    private final List<String> names;

    ScriptedControl(Path file, boolean failed, List<String> names) {
        this.names = names;
        this.file = file;
        this.failed = failed;
        log("hub", LogStream.STDOUT, 0.1, "\u001b[32mINFO\u001b[0m  xr_media_hub starting, config yaml/hub.yaml");
        log("hub", LogStream.STDOUT, 0.7, "\u001b[32mINFO\u001b[0m  listening on 127.0.0.1:7000");
        log("stt", LogStream.STDOUT, 0.9, "loading whisper-small…");
        log("stt", LogStream.STDERR, 2.3, "warning: falling back to CPU");
        log("stt", LogStream.STDOUT, 2.9, "listening on 127.0.0.1:9001");
        log("tts", LogStream.STDOUT, 1.0, "piper voice en_US-amy-medium loaded");
        if (failed) {
            log("model-server", LogStream.STDERR, 3.6, "Traceback (most recent call last):");
            log("model-server", LogStream.STDERR, 3.6, "  File \"/srv/model/serve.py\", line 42, in <module>");
            log("model-server", LogStream.STDERR, 3.6, "    model = load(\"llama-8b\", device=\"cuda\")");
            log("model-server", LogStream.STDERR, 3.7, "RuntimeError: CUDA out of memory");
        } else {
            log("model-server", LogStream.STDOUT, 3.0, "Serving HTTP on 0.0.0.0 port 8000 (http://0.0.0.0:8000/) ...");
            log("worker", LogStream.STDOUT, 5.0, "\u001b[1mworker\u001b[0m connected to hub");
        }
    }

    private void log(String p, LogStream s, double at, String text) {
        lines.add(new Event.LogLine("headset-demo", p, s, lines.size() + 1, t0.plusMillis((long) (at * 1000)), text));
    }

    private Instant at(double s) {
        return t0.plusMillis((long) (s * 1000));
    }

    private ProcessStatus ready(String name, LaunchMode mode, double pending, double started, double ready) {
        return new ProcessStatus(name, mode, ProcessState.READY, 4200L + name.length(), null, null, null,
                (long) ((ready - started) * 1000), "/home/me/.local/state/switchboard/logs/headset-demo/" + name + ".out",
                "/home/me/.local/state/switchboard/logs/headset-demo/" + name + ".err", at(pending), at(started), at(ready), null, false);
    }

    StackStatus stack() {
        List<ProcessStatus> ps = new ArrayList<>();
        if (!names.contains("hub")) {
            for (int i = 0; i < names.size(); i++) {
                ps.add(i < 70 ? ready(names.get(i), LaunchMode.OWN, i * 0.1, i * 0.1 + 0.2, i * 0.1 + 0.9)
                        : ProcessStatus.initial(names.get(i), LaunchMode.OWN).withState(ProcessState.PENDING, null));
            }
            return new StackStatus("headset-demo", file.toString(), "", StackState.STARTING, null, ps);
        }
        ps.add(ready("hub", LaunchMode.OWN, 0, 0, 0.8));
        ps.add(ready("stt", LaunchMode.OWN, 0, 0.8, 2.9));
        ps.add(ready("tts", LaunchMode.OWN, 0, 0.8, 1.3));
        if (failed) {
            ps.add(new ProcessStatus("model-server", LaunchMode.PERSIST, ProcessState.FAILED, 4300L, 1, null,
                    "model-server exited with code 1 before it was ready (after 3.2 s)", null, null, null,
                    at(0), at(0.5), null, at(3.7), false));
            ps.add(new ProcessStatus("worker", LaunchMode.OWN, ProcessState.SKIPPED, null, null, null,
                    "not started: model-server failed", null, null, null, at(0), null, null, null, false));
        } else {
            ps.add(ready("model-server", LaunchMode.PERSIST, 0, 0.5, 3.1));
            ps.add(new ProcessStatus("worker", LaunchMode.OWN, ProcessState.STARTING, 4400L, null, null, null, null,
                    null, null, at(3.1), Instant.now().minusMillis(6200), null, null, false));
        }
        ps.add(ready("redis", LaunchMode.REUSE, 0, 0, 0.05));
        return new StackStatus("headset-demo", file.toString(), "XR hub, speech services and an agent worker",
                failed ? StackState.FAILED : StackState.STARTING,
                failed ? "model-server exited with code 1 before it was ready (after 3.2 s)" : null, ps);
    }

    @Override
    public CompletableFuture<StackStatus> open(Path f) {
        return CompletableFuture.completedFuture(stack());
    }

    @Override
    public CompletableFuture<StackStatus> up(String stack) {
        return new CompletableFuture<>();
    }

    @Override
    public CompletableFuture<StackStatus> down(String stack, boolean persist) {
        return new CompletableFuture<>();
    }

    @Override
    public CompletableFuture<StackStatus> start(String stack, String process) {
        return new CompletableFuture<>();
    }

    @Override
    public CompletableFuture<StackStatus> stop(String stack, String process) {
        return new CompletableFuture<>();
    }

    @Override
    public CompletableFuture<StackStatus> restart(String stack, String process) {
        return new CompletableFuture<>();
    }

    @Override
    public CompletableFuture<StackStatus> check(String stack, String process) {
        return new CompletableFuture<>();
    }

    @Override
    public CompletableFuture<List<StackStatus>> status() {
        return CompletableFuture.completedFuture(List.of(stack()));
    }

    @Override
    public CompletableFuture<List<Event.LogLine>> logs(String stack, String process, LogStream stream, int n) {
        List<Event.LogLine> l = lines.stream().filter(x -> x.process().equals(process) && (stream == null || x.stream() == stream)).toList();
        return CompletableFuture.completedFuture(l.subList(Math.max(0, l.size() - n), l.size()));
    }

    @Override
    public Subscription subscribe(Consumer<Event> listener) {
        listener.accept(new Event.Snapshot(List.of(stack())));
        return () -> { };
    }

    @Override
    public void close() {
    }
}
