package dev.switchboard.engine;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The services every stack runtime shares: the launcher, log files, readiness, timers, the journal,
 * the event bus, and the loop thread on which all state changes happen.
 */
record EngineContext(
        SwitchboardHome home,
        ProcessLauncher launcher,
        LogFiles logFiles,
        ReadyFileWatcher readyWatcher,
        Readiness readiness,
        ScheduledExecutorService timer,
        ExecutorService loop,
        Journal journal,
        EventBus bus) {

    /** Runs {@code action} on the loop thread after {@code delay}. */
    java.util.concurrent.ScheduledFuture<?> later(java.time.Duration delay, Runnable action) {
        return timer.schedule(() -> loop.execute(action), delay.toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS);
    }
}
