package dev.switchboard.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One launch (or adoption) of a process that leads its own process group. Signals always go to
 * the group, and only after checking the group is still ours: while the leader lives its start
 * time must match; after it died the group must still have live members, which keeps Linux from
 * reusing the id. Once the group has been seen gone it is never signalled again.
 */
final class NativeProcess implements LaunchedProcess {

    private static final long FAST_POLL_MS = 20;
    private static final long SLOW_POLL_MS = 250;
    /** After this long without a new signal, a surviving group is polled slowly. */
    private static final long FAST_POLL_WINDOW_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final long pid;
    private final long startTicks;
    private final Instant startedAt;
    private final CompletableFuture<ExitStatus> exit = new CompletableFuture<>();
    private final CompletableFuture<Void> gone = new CompletableFuture<>();

    /** Set once the group was seen gone or taken over: from then on nothing is signalled. */
    private volatile boolean lost;
    private volatile long lastSignalNanos;

    // Guarded by this.
    private boolean stopRequested;
    private boolean goneWanted;
    private ScheduledFuture<?> escalation;
    private ScheduledFuture<?> poll;

    NativeProcess(long pid, long startTicks, Instant startedAt, CompletionStage<ExitStatus> exitSource) {
        this.pid = pid;
        this.startTicks = startTicks;
        this.startedAt = startedAt;
        exitSource.whenComplete((status, error) -> {
            exit.complete(status != null ? status : ExitStatus.failed("could not watch the process: " + error));
            onExit();
        });
    }

    @Override
    public long pid() {
        return pid;
    }

    @Override
    public long pgid() {
        return pid;
    }

    @Override
    public long startTicks() {
        return startTicks;
    }

    @Override
    public Instant startedAt() {
        return startedAt;
    }

    @Override
    public CompletableFuture<ExitStatus> exit() {
        return exit.copy();
    }

    @Override
    public boolean isGroupAlive() {
        return isOurs();
    }

    @Override
    public void terminate(int signal, Duration grace) {
        requestStop();
        send(signal);
        if (grace.isNegative() || grace.isZero()) {
            kill();
            return;
        }
        synchronized (this) {
            // The first terminate fixes the deadline: a later one neither postpones nor advances it.
            if (escalation == null && !lost && !gone.isDone()) {
                escalation = EngineThreads.scheduler().schedule(this::kill, grace.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
        startPollingIfWanted();
    }

    @Override
    public void kill() {
        requestStop();
        send(Posix.SIGKILL);
        startPollingIfWanted();
    }

    @Override
    public CompletableFuture<Void> groupGone() {
        synchronized (this) {
            goneWanted = true;
        }
        if (exit.isDone()) {
            checkGone();
        }
        startPollingIfWanted();
        return gone.copy();
    }

    @Override
    public String toString() {
        return "process " + pid + " (group " + pid + ")";
    }

    private synchronized void requestStop() {
        stopRequested = true;
        lastSignalNanos = System.nanoTime();
    }

    /** Signals the group if it is still ours; "no such process" is success. */
    private void send(int signal) {
        if (!isOurs()) {
            return;
        }
        if (Posix.signalGroup(pid, signal) != Posix.SignalResult.SENT) {
            // GONE: nothing left. NOT_PERMITTED: the id belongs to someone else now.
            lost = true;
        }
    }

    /** The ownership check that precedes every signal; see the class comment. */
    private boolean isOurs() {
        if (lost) {
            return false;
        }
        Optional<ProcStat> leader = ProcStat.read(pid);
        if (leader.isPresent()) {
            if (leader.get().startTicks() != startTicks) {
                lost = true; // the pid was reused, so our group is certainly empty
                return false;
            }
            if (leader.get().isLive()) {
                return true;
            }
        }
        if (Posix.signalGroup(pid, 0) == Posix.SignalResult.GONE || !ProcStat.isGroupAlive(pid)) {
            lost = true;
            return false;
        }
        return true;
    }

    private void onExit() {
        boolean check;
        synchronized (this) {
            check = goneWanted;
        }
        if (check) {
            checkGone();
            startPollingIfWanted();
        }
    }

    /** For tests: true while an escalation to SIGKILL or a poll of the group is scheduled. */
    synchronized boolean hasTimers() {
        return (escalation != null && !escalation.isDone()) || (poll != null && !poll.isDone());
    }

    /** Completes {@link #gone} if the leader has exited and no live member remains. */
    private void checkGone() {
        if (gone.isDone() || !exit.isDone() || isOurs()) {
            return;
        }
        ScheduledFuture<?> timer;
        synchronized (this) {
            timer = escalation;
            escalation = null;
        }
        if (timer != null) {
            timer.cancel(false);
        }
        gone.complete(null);
    }

    /**
     * Polls the group only while someone waits for it to go after a stop was requested and the
     * leader has exited (until then its exit is the event to wait for): an idle supervisor does
     * no periodic work.
     */
    private synchronized void startPollingIfWanted() {
        if (goneWanted && stopRequested && exit.isDone() && poll == null && !gone.isDone()) {
            poll = EngineThreads.scheduler().schedule(this::pollOnce, FAST_POLL_MS, TimeUnit.MILLISECONDS);
        }
    }

    private void pollOnce() {
        checkGone();
        synchronized (this) {
            if (gone.isDone()) {
                poll = null;
                return;
            }
            boolean recent = System.nanoTime() - lastSignalNanos < FAST_POLL_WINDOW_NANOS;
            poll = EngineThreads.scheduler().schedule(this::pollOnce,
                    recent ? FAST_POLL_MS : SLOW_POLL_MS, TimeUnit.MILLISECONDS);
        }
    }
}
