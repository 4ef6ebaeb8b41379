package dev.switchboard.engine;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The engine's shared threads: one small timer pool for short, non-blocking work (escalation
 * timers, polls) and a virtual-thread executor for work that blocks (connects, file reads).
 * All threads are daemons, so they never keep the JVM alive, and idle ones use no CPU.
 */
public final class EngineThreads {

    private static final ScheduledExecutorService SCHEDULER = newScheduler();
    private static final ExecutorService BLOCKING =
            Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("sb-io-", 0).factory());

    private EngineThreads() {
    }

    /** The shared timer pool; tasks on it must be short and must not block. */
    public static ScheduledExecutorService scheduler() {
        return SCHEDULER;
    }

    /** An executor for tasks that block on I/O; each task gets its own virtual thread. */
    public static ExecutorService blocking() {
        return BLOCKING;
    }

    /** A factory of named daemon platform threads. */
    static ThreadFactory daemonFactory(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    private static ScheduledExecutorService newScheduler() {
        ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(2, daemonFactory("sb-timer"));
        // Cancelled timers (escalations that were not needed) must not pile up in the queue.
        pool.setRemoveOnCancelPolicy(true);
        pool.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        return pool;
    }
}
