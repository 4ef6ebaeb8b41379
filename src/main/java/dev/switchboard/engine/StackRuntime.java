package dev.switchboard.engine;

import dev.switchboard.model.Condition;
import dev.switchboard.model.Dependency;
import dev.switchboard.model.LaunchMode;
import dev.switchboard.model.Probe;
import dev.switchboard.model.StackSpec;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * One stack's processes and the operations on them: start in dependency order, fail fast, stop in
 * reverse order. Every method runs on the supervisor's loop thread; every change of a process's
 * state goes through {@link #transition}, and of the stack's through {@link #updateStackState}.
 */
final class StackRuntime {
    final EngineContext ctx;
    StackSpec spec;
    final Map<String, ProcessRuntime> procs = new LinkedHashMap<>();
    private final ProcessStarter starter;

    private StackState state = StackState.STOPPED;
    private String failure;
    private StartOp startOp;
    private int stopsInFlight;

    /** A start in progress: what it must bring up and who waits for it. */
    private static final class StartOp {
        final Set<String> targets = new LinkedHashSet<>();
        final CompletableFuture<StackStatus> done = new CompletableFuture<>();
    }

    StackRuntime(EngineContext ctx, StackSpec spec) {
        this.ctx = ctx;
        this.spec = spec;
        spec.processes().forEach(p -> procs.put(p.name(), new ProcessRuntime(p)));
        this.starter = new ProcessStarter(this);
    }

    String name() {
        return spec.name();
    }

    StackStatus status() {
        List<ProcessStatus> list = procs.values().stream().map(ProcessRuntime::status).toList();
        return new StackStatus(spec.name(), spec.file().toString(), spec.description(), state, failure, list);
    }

    boolean isStarting() {
        return startOp != null;
    }

    // ---------------------------------------------------------------- transitions

    /** The one place a process changes state; publishes the change. */
    void transition(ProcessRuntime p, ProcessState newState, String reason) {
        p.state = newState;
        p.reason = reason;
        ctx.bus().publish(new Event.ProcessStateChanged(name(), p.status()), name(), status());
    }

    /** Publishes a change of pid, exit code or times without a change of state. */
    void touched(ProcessRuntime p) {
        transition(p, p.state, p.reason);
    }

    /** Recomputes the stack's state from its operations and processes; publishes a change. */
    void updateStackState() {
        StackState next;
        if (stopsInFlight > 0) {
            next = StackState.STOPPING;
        } else if (startOp != null) {
            next = StackState.STARTING;
        } else if (failure != null) {
            next = StackState.FAILED;
        } else if (!procs.isEmpty() && procs.values().stream()
                .allMatch(p -> p.state == ProcessState.READY || p.state == ProcessState.COMPLETED)) {
            next = StackState.READY;
        } else {
            next = StackState.STOPPED;
        }
        if (next != state) {
            state = next;
            if (next == StackState.READY) {
                ctx.journal().flushNow(); // once "ready" is announced, another supervisor sees these processes
            }
            ctx.bus().publish(new Event.StackStateChanged(name(), next, failure, Instant.now()), name(), status());
        }
    }

    // ---------------------------------------------------------------- starting

    /**
     * Starts the named processes and everything they depend on; completes once all are ready or it
     * failed. One-shot tasks that already completed run again only when {@code explicit} names them.
     */
    CompletableFuture<StackStatus> start(Collection<String> names, boolean explicit) {
        Set<String> wanted = new LinkedHashSet<>();
        names.forEach(n -> wanted.addAll(spec.graph().withDependencies(n)));
        if (startOp == null) {
            startOp = new StartOp();
            failure = null;
            procs.values().forEach(p -> p.spawnedByCurrentStart = false);
        }
        StartOp op = startOp;
        Instant now = Instant.now();
        for (String n : wanted) {
            ProcessRuntime p = procs.get(n);
            op.targets.add(n);
            boolean running = p.state == ProcessState.STARTING || p.state == ProcessState.READY
                    || p.state == ProcessState.PENDING;
            boolean done = p.state == ProcessState.COMPLETED && !(explicit && names.contains(n));
            if (!running && !done) {
                p.pendingAt = now;
                p.startedAt = null;
                p.readyAt = null;
                p.endedAt = null;
                p.exitCode = null;
                p.signal = null;
                p.adopted = false;
                transition(p, ProcessState.PENDING, null);
            }
        }
        updateStackState();
        schedule();
        return op.done;
    }

    /** Launches every pending process whose dependencies are met; skips those whose never will be. */
    void schedule() {
        StartOp op = startOp;
        if (op == null) {
            return;
        }
        boolean changed = true;
        while (changed && startOp == op) {
            changed = false;
            for (ProcessRuntime p : procs.values()) {
                if (p.state != ProcessState.PENDING || !op.targets.contains(p.name())) {
                    continue;
                }
                String blocker = blocker(p);
                if (blocker != null) {
                    transition(p, ProcessState.SKIPPED, "not started: " + blocker);
                    changed = true;
                } else if (dependenciesMet(p)) {
                    starter.launch(p);
                    changed = true;
                }
                if (startOp != op) {
                    return;
                }
            }
        }
        finishStartIfDone();
    }

    private boolean dependenciesMet(ProcessRuntime p) {
        for (Dependency d : p.spec.dependsOn()) {
            ProcessState s = procs.get(d.name()).state;
            boolean met = switch (d.condition()) {
                case READY -> s == ProcessState.READY || s == ProcessState.COMPLETED;
                case STARTED -> s == ProcessState.STARTING || s == ProcessState.READY || s == ProcessState.COMPLETED;
                case COMPLETED -> s == ProcessState.COMPLETED;
            };
            if (!met) {
                return false;
            }
        }
        return true;
    }

    /** Why a pending process can never start, or null. */
    private String blocker(ProcessRuntime p) {
        for (Dependency d : p.spec.dependsOn()) {
            ProcessRuntime dep = procs.get(d.name());
            switch (dep.state) {
                case FAILED -> {
                    return d.name() + " failed";
                }
                case SKIPPED -> {
                    return d.name() + " was not started";
                }
                case STOPPED, STOPPING -> {
                    return d.name() + " was stopped";
                }
                case READY -> {
                    if (d.condition() == Condition.COMPLETED && !(dep.spec.ready().probe() instanceof Probe.Exited)) {
                        return d.name() + " is a service, not a one-shot task: it never completes";
                    }
                }
                default -> {
                }
            }
        }
        return null;
    }

    private void finishStartIfDone() {
        StartOp op = startOp;
        if (op == null) {
            return;
        }
        boolean allUp = op.targets.stream().map(procs::get)
                .allMatch(p -> p.state == ProcessState.READY || p.state == ProcessState.COMPLETED);
        if (allUp) {
            startOp = null;
            updateStackState();
            op.done.complete(status());
        }
    }

    // ---------------------------------------------------------------- failing

    /**
     * A process failed: before the stack was ready this aborts the start (stopping what it spawned,
     * persist included); afterwards it stops the rest of the stack (persist processes stay).
     */
    void fail(ProcessRuntime p, String message) {
        p.cancelWatchers();
        transition(p, ProcessState.FAILED, message);
        if (failure == null) {
            failure = message;
        }
        StartOp op = startOp;
        if (op != null) {
            abortStart(op, "not started: " + message);
            return;
        }
        Set<String> rest = new LinkedHashSet<>();
        procs.values().forEach(q -> rest.add(q.name()));
        stop(rest, false, false);
    }

    /** Ends the start in progress and stops everything it spawned (persist too); adopted and reuse stay. */
    CompletableFuture<StackStatus> abort(String why) {
        StartOp op = startOp;
        if (op == null) {
            return CompletableFuture.completedFuture(status());
        }
        if (failure == null) {
            failure = why;
        }
        return abortStart(op, "not started: " + why);
    }

    private CompletableFuture<StackStatus> abortStart(StartOp op, String skipReason) {
        startOp = null;
        for (String n : op.targets) {
            ProcessRuntime q = procs.get(n);
            if (q.state == ProcessState.PENDING) {
                transition(q, ProcessState.SKIPPED, skipReason);
            }
        }
        Set<String> spawned = new LinkedHashSet<>();
        procs.values().forEach(q -> {
            boolean ours = q.spec.mode() == LaunchMode.OWN || q.spawnedByCurrentStart;
            if (ours && !q.adopted) {
                spawned.add(q.name());
            }
        });
        CompletableFuture<StackStatus> stopped = stop(spawned, true, false);
        stopped.whenComplete((s, e) -> op.done.complete(status()));
        return op.done;
    }

    // ---------------------------------------------------------------- stopping

    /**
     * Stops the named processes, dependents first, one level at a time, the processes of a level
     * at once. Persist processes stay unless {@code persistToo}; reuse processes are never signalled.
     */
    CompletableFuture<StackStatus> stop(Set<String> names, boolean persistToo, boolean cancelStart) {
        if (cancelStart && startOp != null) {
            StartOp op = startOp;
            startOp = null;
            for (String n : op.targets) {
                ProcessRuntime q = procs.get(n);
                if (q.state == ProcessState.PENDING) {
                    transition(q, ProcessState.STOPPED, null);
                }
            }
            ctx.loop().execute(() -> op.done.complete(status()));
        }
        stopsInFlight++;
        updateStackState();
        CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
        for (List<String> level : spec.graph().stopLevels()) {
            List<String> members = level.stream().filter(names::contains).toList();
            if (members.isEmpty()) {
                continue;
            }
            chain = chain.thenComposeAsync(v -> {
                List<CompletableFuture<Void>> waits = new ArrayList<>();
                members.forEach(n -> waits.add(starter.stop(procs.get(n), persistToo)));
                return CompletableFuture.allOf(waits.toArray(CompletableFuture[]::new));
            }, ctx.loop());
        }
        return chain.handleAsync((v, e) -> {
            stopsInFlight--;
            updateStackState();
            return status();
        }, ctx.loop());
    }

    /** Stops everything (persist only if asked), ending any start in progress. */
    CompletableFuture<StackStatus> down(boolean persistToo) {
        failure = null;
        Set<String> all = new LinkedHashSet<>(procs.keySet());
        return stop(all, persistToo, true).thenApplyAsync(st -> {
            // A stopped stack runs its one-shot tasks again on the next start.
            procs.values().stream().filter(p -> p.state == ProcessState.COMPLETED)
                    .forEach(p -> transition(p, ProcessState.STOPPED, null));
            updateStackState();
            return status();
        }, ctx.loop());
    }

    /** Called by the starter when a start-related state settles. */
    void progressed() {
        schedule();
        updateStackState();
    }

    // ---------------------------------------------------------------- other operations

    /** The name if this stack has such a process; otherwise throws with the known names. */
    String requireProcess(String process) {
        if (!procs.containsKey(process)) {
            throw new UnknownNameException("stack '" + name() + "' has no process '" + process + "'; its processes: "
                    + String.join(", ", procs.keySet()));
        }
        return process;
    }

    /** Re-runs a reuse process's probe (or, for others, reports their state); never stops anything. */
    CompletableFuture<StackStatus> check(String process) {
        ProcessRuntime p = procs.get(process);
        if (p.spec.mode() != LaunchMode.REUSE || p.spec.ready().probe() instanceof Probe.Started) {
            return CompletableFuture.completedFuture(status());
        }
        var probe = p.spec.ready().probe();
        var timeout = p.spec.ready().timeout();
        transition(p, ProcessState.STARTING, null);
        p.startedAt = Instant.now();
        return ctx.readiness().await(probe, new ReadyContext(null, p.spec.cwd(), p.spec.env(), p.spec.ready().interval(), null))
                .orTimeout(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
                .handleAsync((v, e) -> {
                    if (e == null) {
                        p.readyAt = Instant.now();
                        // STARTING -> READY: the service answered the check
                        transition(p, ProcessState.READY, null);
                    } else {
                        // STARTING -> FAILED: the service did not answer within its timeout
                        transition(p, ProcessState.FAILED, p.name() + " did not answer: " + probe.describe()
                                + " failed for " + ProcessRuntime.seconds(timeout));
                    }
                    updateStackState();
                    return status();
                }, ctx.loop());
    }

    /** Takes back a live process recorded by an earlier supervisor. */
    void reattach(ProcessRuntime p, LaunchedProcess handle, JournalEntry entry) {
        starter.reattach(p, handle, entry);
    }

    /** A journaled process that died while no supervisor watched it. */
    void markEndedWhileAway(ProcessRuntime p, JournalEntry entry) {
        p.pid = entry.pid();
        p.startedAt = Instant.ofEpochMilli(entry.startedAt());
        p.readyAt = entry.readyAt() > 0 ? Instant.ofEpochMilli(entry.readyAt()) : null;
        p.stdoutLog = entry.stdoutLog();
        p.stderrLog = entry.stderrLog();
        String why = p.name() + " ended while the supervisor was down";
        if (failure == null && p.spec.mode() != LaunchMode.PERSIST) {
            failure = why;
        }
        // STOPPED -> FAILED: it was recorded as running, and is gone
        transition(p, ProcessState.FAILED, why);
    }

    /**
     * Takes a new definition of the stack (the file changed). Processes keep their live state under
     * their new definition, which applies from their next launch; removed processes are stopped.
     */
    void reload(StackSpec newSpec) {
        Map<String, ProcessRuntime> old = new LinkedHashMap<>(procs);
        procs.clear();
        for (var ps : newSpec.processes()) {
            ProcessRuntime before = old.remove(ps.name());
            if (before != null) {
                before.spec = ps;
            }
            procs.put(ps.name(), before == null ? new ProcessRuntime(ps) : before);
        }
        old.values().forEach(gone -> {
            gone.cancelWatchers();
            if (gone.launch != null && gone.spec.mode() != LaunchMode.REUSE) {
                gone.launch.terminate(gone.spec.stopSignal().number(), gone.spec.stopTimeout());
            }
        });
        spec = newSpec;
        ctx.bus().publish(new Event.StackLoaded(status()), name(), status());
        updateStackState();
    }
}
