package dev.switchboard.engine;

import dev.switchboard.model.LaunchMode;
import dev.switchboard.model.StackFileException;
import dev.switchboard.model.StackLoader;
import dev.switchboard.model.StackSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The in-process engine: hosts any number of stacks and implements {@link StackControl}. All state
 * lives on one loop thread; commands hop onto it and return futures.
 */
public final class Supervisor implements StackControl {
    private static final Logger LOG = LoggerFactory.getLogger(Supervisor.class);

    /** Whether a new supervisor takes over processes recorded in the journal by an earlier one. */
    public enum Adoption {
        /** Re-adopt every journaled process still alive; mark the dead ones failed (the background service). */
        REATTACH,
        /** Leave the journal alone except for adopting persist processes at start (the foreground {@code run}). */
        PERSIST_ONLY
    }

    private final EngineContext ctx;
    private final Map<String, StackRuntime> stacks = new LinkedHashMap<>();
    private volatile boolean closed;

    /** A supervisor for the background service: re-adopts what an earlier one left running. */
    public Supervisor(SwitchboardHome home) {
        this(home, Adoption.REATTACH);
    }

    /** A supervisor with the given adoption policy. */
    public Supervisor(SwitchboardHome home, Adoption adoption) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("switchboard-timer").factory());
        ExecutorService loop = Executors.newSingleThreadExecutor(
                Thread.ofPlatform().daemon().name("switchboard-supervisor").factory());
        try {
            SwitchboardHome.ensurePrivateDir(home.stateDir());
            ReadyFileWatcher watcher = new ReadyFileWatcher(SwitchboardHome.ensurePrivateDir(home.readyDir()));
            ProcessLauncher launcher = new NativeProcessLauncher();
            this.ctx = new EngineContext(home, launcher, new LogFiles(home), watcher,
                    new Readiness(watcher, launcher), timer, loop, new Journal(home.journalDir()), new EventBus());
        } catch (IOException e) {
            timer.shutdownNow();
            loop.shutdownNow();
            throw new IllegalStateException("cannot prepare " + home.stateDir() + ": " + e.getMessage(), e);
        }
        if (adoption == Adoption.REATTACH) {
            onLoop(() -> {
                new Reattacher(this::register, ctx).reattachAll();
                return null;
            }).join();
        }
    }

    // ---------------------------------------------------------------- StackControl

    @Override
    public CompletableFuture<StackStatus> open(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        return CompletableFuture.supplyAsync(() -> {
            try {
                return StackLoader.load(abs);
            } catch (StackFileException e) {
                throw new CompletionException(e);
            }
        }, ctx.timer()).thenComposeAsync(spec -> onLoop(() -> register(spec).status()), ctx.loop());
    }

    @Override
    public CompletableFuture<StackStatus> up(String stack) {
        return withStack(stack, s -> s.start(s.spec.graph().nodes(), false));
    }

    @Override
    public CompletableFuture<StackStatus> down(String stack, boolean persist) {
        return withStack(stack, s -> s.down(persist));
    }

    @Override
    public CompletableFuture<StackStatus> start(String stack, String process) {
        if (process == null) {
            return up(stack);
        }
        return withStack(stack, s -> s.start(List.of(s.requireProcess(process)), true));
    }

    @Override
    public CompletableFuture<StackStatus> stop(String stack, String process) {
        if (process == null) {
            return down(stack, false);
        }
        return withStack(stack, s -> s.stop(stopping(s, s.requireProcess(process)), true, false));
    }

    /**
     * What stopping one process stops: it and what depends on it, except persist dependents, which
     * are stopped only when named themselves (they are meant to outlive restarts, like a model
     * server that takes minutes to load).
     */
    private static LinkedHashSet<String> stopping(StackRuntime s, String process) {
        LinkedHashSet<String> names = new LinkedHashSet<>();
        for (String n : s.spec.graph().withDependents(process)) {
            if (n.equals(process) || s.procs.get(n).spec.mode() != LaunchMode.PERSIST) {
                names.add(n);
            }
        }
        return names;
    }

    @Override
    public CompletableFuture<StackStatus> restart(String stack, String process) {
        if (process == null) {
            return withStack(stack, s -> s.down(false)
                    .thenComposeAsync(st -> s.start(s.spec.graph().nodes(), false), ctx.loop()));
        }
        return withStack(stack, s -> {
            String name = s.requireProcess(process);
            List<String> affected = s.spec.graph().withDependents(name);
            // persist dependents stay up and are adopted again by the start
            return s.stop(stopping(s, name), true, false)
                    .thenComposeAsync(st -> s.start(affected, true), ctx.loop());
        });
    }

    @Override
    public CompletableFuture<StackStatus> check(String stack, String process) {
        return withStack(stack, s -> s.check(s.requireProcess(process)));
    }

    @Override
    public CompletableFuture<List<StackStatus>> status() {
        return CompletableFuture.completedFuture(ctx.bus().snapshot());
    }

    @Override
    public CompletableFuture<List<Event.LogLine>> logs(String stack, String process, LogStream stream, int lines) {
        return withStack(stack, s -> {
            ProcessRuntime p = s.procs.get(s.requireProcess(process));
            if (p.tail == null) {
                return CompletableFuture.completedFuture(List.of());
            }
            List<Event.LogLine> out = new ArrayList<>();
            for (LogStream st : stream == null ? LogStream.values() : new LogStream[] {stream}) {
                p.tail.lines(st, lines).forEach(l ->
                        out.add(new Event.LogLine(s.name(), p.name(), st, l.seq(), l.at(), l.text())));
            }
            out.sort(Comparator.comparing(Event.LogLine::at));
            return CompletableFuture.completedFuture(out.size() > lines ? out.subList(out.size() - lines, out.size()) : out);
        });
    }

    @Override
    public Subscription subscribe(Consumer<Event> listener) {
        return ctx.bus().subscribe(listener);
    }

    // ---------------------------------------------------------------- beyond StackControl

    /**
     * Ends a start in progress as an interrupt would: stops everything this start spawned
     * (persist processes included) and leaves adopted and reuse processes alone.
     */
    public CompletableFuture<StackStatus> abort(String stack, String why) {
        return withStack(stack, s -> s.abort(why));
    }

    /** SIGKILL to every process group of the stack at once (a second Ctrl-C). */
    public CompletableFuture<Void> killAll(String stack) {
        return withStack(stack, s -> {
            s.procs.values().forEach(p -> {
                if (p.launch != null) {
                    p.launch.kill();
                }
            });
            return CompletableFuture.completedFuture(null);
        });
    }

    /**
     * Processes of this stack that another supervisor started and that still run (by the journal:
     * same pid, same start time), persist ones excepted since they are meant to be adopted. A
     * foreground run refuses to start such a stack rather than run a second copy of it.
     */
    public List<JournalEntry> runningElsewhere(String stack) {
        long self = ProcessHandle.current().pid();
        return ctx.journal().read(stack).stream()
                .filter(e -> e.owner() != self && !LaunchMode.PERSIST.id().equals(e.mode()))
                .filter(e -> ProcStat.read(e.pid()).filter(st -> st.isLive() && st.startTicks() == e.startTicks())
                        .isPresent())
                .toList();
    }

    /**
     * Why this stack must not be started here, if another supervisor runs its processes:
     * "demo is already running (hub pid 123), started by another Switchboard; stop it first with
     * 'switchboard down demo'". Empty when it may be started.
     */
    public Optional<String> alreadyRunningElsewhere(String stack) {
        List<JournalEntry> elsewhere = runningElsewhere(stack);
        if (elsewhere.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(stack + " is already running (" + elsewhere.stream()
                .map(e -> e.process() + " pid " + e.pid()).collect(java.util.stream.Collectors.joining(", "))
                + "), started by another Switchboard; stop it first with 'switchboard down " + stack + "'");
    }

    /** The stack spec of an open stack. */
    public Optional<StackSpec> spec(String stack) {
        return onLoop(() -> Optional.ofNullable(find(stack)).map(s -> s.spec)).join();
    }

    /**
     * Lets go of every process without stopping any (the background service exiting): they keep
     * running, their output keeps going to their log files, and the journal lets the next supervisor adopt them.
     */
    public void detach() {
        if (closed) {
            return;
        }
        closed = true;
        onLoop(() -> {
            stacks.values().forEach(s -> s.procs.values().forEach(p -> {
                p.cancelWatchers();
                if (p.tail != null) {
                    p.tail.close();
                }
            }));
            return null;
        }).join();
        shutdownThreads();
    }

    /** Stops every stack as a normal stop would (persist processes stay), then releases the threads. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        List<CompletableFuture<StackStatus>> stops = onLoop(() -> stacks.values().stream()
                .map(s -> s.isStarting() ? s.abort("the supervisor was closed") : s.down(false)).toList()).join();
        try {
            CompletableFuture.allOf(stops.toArray(CompletableFuture[]::new)).get(5, TimeUnit.MINUTES);
        } catch (Exception e) {
            LOG.warn("stopping stacks on close: {}", e.toString());
        }
        closed = true;
        onLoop(() -> {
            stacks.values().forEach(s -> s.procs.values().forEach(p -> {
                if (p.tail != null) {
                    p.tail.close();
                }
            }));
            return null;
        }).join();
        shutdownThreads();
    }

    private void shutdownThreads() {
        try {
            ctx.readyWatcher().close();
        } catch (IOException e) {
            LOG.debug("closing the ready-file watcher: {}", e.toString());
        }
        ctx.loop().shutdown();
        ctx.timer().shutdownNow();
        ctx.journal().close();
    }

    // ---------------------------------------------------------------- internals

    private StackRuntime register(StackSpec spec) {
        StackRuntime existing = stacks.get(spec.name());
        if (existing != null && !existing.spec.file().equals(spec.file())) {
            throw new CompletionException(new IllegalArgumentException("a stack named '" + spec.name()
                    + "' is already open from " + existing.spec.file() + "; give one of them another name"));
        }
        if (existing != null) {
            existing.reload(spec);
            return existing;
        }
        StackRuntime runtime = new StackRuntime(ctx, spec);
        stacks.put(spec.name(), runtime);
        ctx.bus().publish(new Event.StackLoaded(runtime.status()), spec.name(), runtime.status());
        return runtime;
    }

    private StackRuntime find(String stack) {
        StackRuntime byName = stacks.get(stack);
        if (byName != null) {
            return byName;
        }
        try {
            Path p = Path.of(stack).toAbsolutePath().normalize();
            for (StackRuntime s : stacks.values()) {
                if (s.spec.file().equals(p) || (Files.exists(p) && Files.isSameFile(s.spec.file(), p))) {
                    return s;
                }
            }
        } catch (IOException | java.nio.file.InvalidPathException e) {
            return null;
        }
        return null;
    }

    private <T> CompletableFuture<T> withStack(String stack, Function<StackRuntime, CompletableFuture<T>> action) {
        if (closed) {
            return CompletableFuture.failedFuture(new IllegalStateException("the supervisor is closed"));
        }
        // The action runs inside the task on the loop thread: a thenCompose chained after it would
        // run on the caller's thread whenever the lookup had already finished.
        return CompletableFuture.supplyAsync(() -> {
            StackRuntime s = find(stack);
            if (s == null) {
                throw new CompletionException(new UnknownNameException("no open stack named '" + stack + "'"
                        + (stacks.isEmpty() ? "" : "; open stacks: " + String.join(", ", stacks.keySet()))));
            }
            return action.apply(s);
        }, ctx.loop()).thenCompose(Function.identity());
    }

    private <T> CompletableFuture<T> onLoop(java.util.function.Supplier<T> action) {
        return CompletableFuture.supplyAsync(action, ctx.loop());
    }
}
