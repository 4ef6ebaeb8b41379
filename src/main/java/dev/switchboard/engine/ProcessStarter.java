package dev.switchboard.engine;

import dev.switchboard.model.LaunchMode;
import dev.switchboard.model.ProcessSpec;
import dev.switchboard.model.Probe;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings one process up (spawn, adopt or probe, then watch readiness, timeout and exit) and down
 * (signal or stop command, SIGKILL after the grace, wait for the whole group). Runs on the loop
 * thread; callbacks from other threads hop back onto it and ignore launches that are no longer current.
 */
final class ProcessStarter {
    private static final Logger LOG = LoggerFactory.getLogger(ProcessStarter.class);
    /** How long past SIGKILL a group may take to vanish before the stop is reported as failed. */
    private static final Duration KILL_SETTLE = Duration.ofSeconds(10);

    private final StackRuntime stack;
    private final EngineContext ctx;

    ProcessStarter(StackRuntime stack) {
        this.stack = stack;
        this.ctx = stack.ctx;
    }

    // ---------------------------------------------------------------- up

    /** Takes a pending process up according to its launch mode. */
    void launch(ProcessRuntime p) {
        ProcessSpec spec = p.spec;
        p.startedAt = Instant.now();
        if (spec.mode() == LaunchMode.REUSE) {
            // PENDING -> STARTING: probing a service managed outside the stack
            stack.transition(p, ProcessState.STARTING, null);
            watchReadiness(p, null, null);
            return;
        }
        if (spec.mode() == LaunchMode.PERSIST && adoptPersist(p)) {
            return;
        }
        spawn(p);
    }

    private boolean adoptPersist(ProcessRuntime p) {
        Optional<JournalEntry> entry = ctx.journal().find(stack.name(), p.name());
        if (entry.isEmpty()) {
            return false;
        }
        Optional<LaunchedProcess> alive = ctx.launcher().adopt(entry.get().pid(), entry.get().startTicks());
        if (alive.isEmpty()) {
            ctx.journal().remove(stack.name(), p.name(), entry.get().pid());
            return false;
        }
        attach(p, alive.get(), entry.get(), true);
        p.spawnedByCurrentStart = false;
        p.readyAt = Instant.now();
        // PENDING -> READY: a persist process left running by an earlier run is adopted, not spawned twice
        stack.transition(p, ProcessState.READY, "adopted: still running from an earlier start");
        stack.progressed();
        return true;
    }

    /** Re-attaches to a process recorded in the journal (a new supervisor after a restart). */
    void reattach(ProcessRuntime p, LaunchedProcess handle, JournalEntry entry) {
        attach(p, handle, entry, false);
        p.startedAt = Instant.ofEpochMilli(entry.startedAt());
        if (entry.readyAt() > 0) {
            p.readyAt = Instant.ofEpochMilli(entry.readyAt());
            // STOPPED -> READY: re-adopted after a supervisor restart
            stack.transition(p, ProcessState.READY, null);
        } else {
            // STOPPED -> STARTING: it was still starting when the previous supervisor went away
            stack.transition(p, ProcessState.STARTING, null);
            watchReadiness(p, handle, entry.readyFile() == null ? null : Path.of(entry.readyFile()));
        }
    }

    private void attach(ProcessRuntime p, LaunchedProcess handle, JournalEntry entry, boolean adopted) {
        p.launch = handle;
        p.pid = handle.pid();
        p.adopted = adopted;
        p.stopRequested = false;
        p.stdoutLog = entry.stdoutLog();
        p.stderrLog = entry.stderrLog();
        p.tail = openTail(p, Path.of(entry.stdoutLog()), Path.of(entry.stderrLog()), true, p.tail);
        handle.exit().thenAcceptAsync(st -> onExit(p, handle, st), ctx.loop());
    }

    private void spawn(ProcessRuntime p) {
        ProcessSpec spec = p.spec;
        LogFiles.Pair logs;
        Path readyFile;
        try {
            logs = ctx.logFiles().allocate(stack.name(), p.name());
            readyFile = spec.usesReadyFile() ? ReadyFiles.fresh(ctx.home(), stack.name(), p.name()) : null;
        } catch (java.io.IOException e) {
            stack.fail(p, p.name() + " failed to start: cannot prepare its log or ready file: " + e.getMessage());
            return;
        }
        List<String> argv = new ArrayList<>(spec.argv());
        Map<String, String> env = new HashMap<>(spec.env());
        if (readyFile != null) {
            argv.add("--ready-file");
            argv.add(readyFile.toString());
            env.put("SWITCHBOARD_READY_FILE", readyFile.toString());
        }
        LogTail previous = p.tail; // this launch's lines are numbered on from the last launch's
        p.tail = null;
        p.readyFile = readyFile;
        p.stdoutLog = logs.stdout().toString();
        p.stderrLog = logs.stderr().toString();
        LaunchedProcess handle;
        try {
            handle = ctx.launcher().launch(new LaunchSpec(p.name(), argv, spec.cwd(), env, logs.stdout(), logs.stderr()));
        } catch (LaunchException e) {
            stack.fail(p, p.name() + " failed to start: " + e.getMessage());
            return;
        }
        p.launch = handle;
        p.pid = handle.pid();
        p.adopted = false;
        p.stopRequested = false;
        p.spawnedByCurrentStart = true;
        ctx.journal().put(new JournalEntry(stack.name(), stack.spec.file().toString(), p.name(), spec.mode().id(),
                handle.pid(), handle.startTicks(), handle.startedAt().toEpochMilli(), 0,
                p.stdoutLog, p.stderrLog, readyFile == null ? null : readyFile.toString(), ProcessHandle.current().pid()));
        // PENDING -> STARTING: spawned, not yet ready
        stack.transition(p, ProcessState.STARTING, null);
        handle.exit().thenAcceptAsync(st -> onExit(p, handle, st), ctx.loop());
        if (spec.ready().probe() instanceof Probe.Log) {
            p.tail = openTail(p, logs.stdout(), logs.stderr(), false, previous); // the probe reads the lines
        } else {
            // Following the files costs a round trip to the watcher thread: keep it off the start's
            // path. Nothing is lost: the tail reads each file from its beginning.
            CompletableFuture.supplyAsync(() -> openTail(p, logs.stdout(), logs.stderr(), false, previous),
                    EngineThreads.blocking()).thenAcceptAsync(tail -> attachTail(p, handle, tail), ctx.loop());
        }
        watchReadiness(p, handle, readyFile);
    }

    private void attachTail(ProcessRuntime p, LaunchedProcess handle, LogTail tail) {
        if (tail == null) {
            return;
        }
        boolean sameLaunch = p.tail == null && tail.file(LogStream.STDOUT).toString().equals(p.stdoutLog);
        if (!sameLaunch) {
            tail.close(); // a newer launch has its own
            return;
        }
        p.tail = tail; // kept even when the launch already ended: its last lines explain why
        if (p.launch != handle) {
            tail.close();
        }
    }

    private LogTail openTail(ProcessRuntime p, Path out, Path err, boolean fromEnd, LogTail previous) {
        String stackName = stack.name();
        String proc = p.name();
        try {
            return LogTail.follow(out, err, (stream, seq, at, text) ->
                    ctx.bus().publish(new Event.LogLine(stackName, proc, stream, seq, at, text)),
                    fromEnd ? LogTail.Start.END : LogTail.Start.BEGINNING, LogTail.DEFAULT_SIZE_CAP, previous);
        } catch (java.io.IOException e) {
            LOG.warn("cannot follow the logs of {}: {}", proc, e.getMessage());
            return null;
        }
    }

    private void watchReadiness(ProcessRuntime p, LaunchedProcess handle, Path readyFile) {
        Probe probe = p.spec.ready().probe();
        if (probe instanceof Probe.Exited) {
            armTimeout(p, handle);
            return; // onExit decides: code 0 completes it
        }
        CompletableFuture<Void> ready = ctx.readiness().await(probe,
                new ReadyContext(readyFile, p.spec.cwd(), p.spec.env(), p.spec.ready().interval(),
                        p.tail == null ? null : ReadyContext.linesOf(p.tail)));
        p.readiness = ready;
        ready.whenCompleteAsync((v, e) -> {
            if (e == null) {
                onReady(p, handle);
            } else if (!(e instanceof java.util.concurrent.CancellationException)
                    && !(e.getCause() instanceof java.util.concurrent.CancellationException)) {
                onProbeError(p, handle, e);
            }
        }, ctx.loop());
        if (!ready.isDone()) {
            armTimeout(p, handle);
        }
    }

    private void armTimeout(ProcessRuntime p, LaunchedProcess handle) {
        Duration limit = p.spec.ready().timeout();
        p.timeout = ctx.later(limit, () -> {
            if (p.launch == handle && p.state == ProcessState.STARTING) {
                stack.fail(p, p.name() + " was not ready after " + ProcessRuntime.seconds(limit)
                        + " (waiting for " + p.spec.ready().probe().describe() + ")");
            }
        });
    }

    private void onReady(ProcessRuntime p, LaunchedProcess handle) {
        if (p.launch != handle || p.state != ProcessState.STARTING) {
            return;
        }
        p.cancelWatchers();
        p.readyAt = Instant.now();
        if (handle != null) {
            ctx.journal().find(stack.name(), p.name()).filter(e -> e.pid() == handle.pid())
                    .ifPresent(e -> ctx.journal().put(e.readyAt(p.readyAt.toEpochMilli())));
        }
        // STARTING -> READY
        stack.transition(p, ProcessState.READY, null);
        stack.progressed();
    }

    private void onProbeError(ProcessRuntime p, LaunchedProcess handle, Throwable e) {
        if (p.launch != handle || p.state != ProcessState.STARTING) {
            return;
        }
        Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
        stack.fail(p, p.name() + ": readiness check failed: " + cause.getMessage());
    }

    private void onExit(ProcessRuntime p, LaunchedProcess handle, ExitStatus exit) {
        if (p.launch != handle) {
            return;
        }
        Instant now = Instant.now();
        p.exitCode = exit.code();
        p.signal = exit.signal();
        p.endedAt = now;
        if (p.stopRequested) {
            stack.touched(p);
            return; // the stop in progress settles the state once the whole group is gone
        }
        ctx.journal().remove(stack.name(), p.name(), handle.pid());
        switch (p.state) {
            case STARTING -> {
                if (p.spec.ready().probe() instanceof Probe.Exited && exit.isSuccess()) {
                    p.cancelWatchers();
                    p.readyAt = now;
                    releaseFiles(p);
                    // STARTING -> COMPLETED: a one-shot task exited 0
                    stack.transition(p, ProcessState.COMPLETED, null);
                    stack.progressed();
                } else {
                    // STARTING -> FAILED: it ended before it was ready
                    stack.fail(p, p.name() + " " + exit.describe() + " before it was ready (after "
                            + p.sinceStart(now) + ")");
                }
            }
            // READY -> FAILED: the first unexpected exit once up stops the stack
            case READY -> stack.fail(p, p.name() + " " + exit.describe() + " after it was ready (up "
                    + ProcessRuntime.seconds(Duration.between(p.readyAt == null ? now : p.readyAt, now)) + ")");
            default -> stack.touched(p);
        }
    }

    // ---------------------------------------------------------------- down

    /** Stops one process: completes when its whole group is gone (or it was left running). */
    CompletableFuture<Void> stop(ProcessRuntime p, boolean persistToo) {
        if (p.state == ProcessState.PENDING) {
            // PENDING -> STOPPED: never started
            stack.transition(p, ProcessState.STOPPED, null);
            return CompletableFuture.completedFuture(null);
        }
        if (p.spec.mode() == LaunchMode.REUSE) {
            p.cancelWatchers();
            if (p.state.isActive()) {
                // READY -> STOPPED: nothing to signal; it is managed outside this stack
                stack.transition(p, ProcessState.STOPPED, "managed outside this stack");
            }
            return CompletableFuture.completedFuture(null);
        }
        LaunchedProcess handle = p.launch;
        if (handle == null) {
            if (p.state.isActive()) {
                stack.transition(p, ProcessState.STOPPED, null);
            }
            return CompletableFuture.completedFuture(null);
        }
        boolean leaderAlive = !handle.exit().isDone();
        if (p.spec.mode() == LaunchMode.PERSIST && !persistToo && leaderAlive && p.state == ProcessState.READY) {
            // READY stays READY: persist processes outlive a normal stop
            stack.transition(p, ProcessState.READY, "left running (persist)");
            return CompletableFuture.completedFuture(null);
        }
        // A failed process or a completed one-shot keeps its state; only leftovers of its group are stopped.
        boolean failedAlready = p.state == ProcessState.FAILED || p.state == ProcessState.COMPLETED;
        p.stopRequested = true;
        p.cancelWatchers();
        if (!failedAlready) {
            // READY/STARTING -> STOPPING
            stack.transition(p, ProcessState.STOPPING, null);
        }
        Duration grace = p.spec.stopTimeout();
        if (!p.spec.stopCommand().isEmpty() && leaderAlive) {
            runStopCommand(p);
            handle.terminate(0, grace);
        } else {
            handle.terminate(p.spec.stopSignal().number(), grace);
        }
        long settle = grace.plus(KILL_SETTLE).toMillis();
        return handle.groupGone()
                .orTimeout(settle, TimeUnit.MILLISECONDS)
                .handleAsync((v, e) -> {
                    if (p.launch == handle) {
                        p.launch = null;
                        releaseFiles(p);
                        ctx.journal().remove(stack.name(), p.name(), handle.pid());
                        if (e != null) {
                            // STOPPING -> FAILED: it survived SIGKILL (stuck in the kernel?)
                            stack.transition(p, ProcessState.FAILED, p.name() + " could not be stopped: pid "
                                    + handle.pid() + " is still alive after SIGKILL");
                        } else if (!failedAlready) {
                            // STOPPING -> STOPPED
                            p.endedAt = p.endedAt == null ? Instant.now() : p.endedAt;
                            stack.transition(p, ProcessState.STOPPED, null);
                        }
                    }
                    return null;
                }, ctx.loop());
    }

    private void runStopCommand(ProcessRuntime p) {
        try {
            LaunchedProcess cmd = ctx.launcher().launch(new LaunchSpec(p.name() + " (stop_command)",
                    p.spec.stopCommand(), p.spec.cwd(), p.spec.env(),
                    Path.of(p.stdoutLog), Path.of(p.stderrLog)));
            cmd.exit().orTimeout(p.spec.stopTimeout().toMillis(), TimeUnit.MILLISECONDS)
                    .whenComplete((st, e) -> cmd.kill());
        } catch (LaunchException e) {
            LOG.warn("stop_command of {} could not run: {}", p.name(), e.getMessage());
        }
    }

    /** A launch has ended: its ready file goes, its tail reads what is left and stops following. */
    private void releaseFiles(ProcessRuntime p) {
        if (p.readyFile != null) {
            ReadyFiles.discard(p.readyFile);
            p.readyFile = null;
        }
        if (p.tail != null) {
            p.tail.close();
        }
    }
}
